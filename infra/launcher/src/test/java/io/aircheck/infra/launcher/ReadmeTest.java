package io.aircheck.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README documents every configuration variable the deployables read. */
class ReadmeTest {
    @Test
    void readmeListsEverySetting() throws Exception {
        String readme = Files.readString(Path.of("../../README.md"));
        for (Setting<?> setting : AllSettings.all()) {
            assertThat(readme)
                    .as("README documents " + setting.env())
                    .contains("`" + setting.env() + "`");
        }
    }
}
