package io.aircheck.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchDistributionTest {

    @TempDir Path dir;

    @Test
    void anExplicitPathWins() throws IOException {
        Path zip = Files.createFile(dir.resolve("es.zip"));

        assertThat(
                        ElasticsearchDistribution.locate(
                                        properties(
                                                ElasticsearchDistribution.PROPERTY, zip.toString()),
                                        Map.of())
                                .zip())
                .isEqualTo(zip);
        assertThat(
                        ElasticsearchDistribution.locate(
                                        new Properties(),
                                        Map.of(ElasticsearchDistribution.ENV, zip.toString()))
                                .zip())
                .isEqualTo(zip);
    }

    @Test
    void anExplicitPathThatDoesNotExistIsAClearError() {
        Path missing = dir.resolve("nope.zip");

        assertThatThrownBy(
                        () ->
                                ElasticsearchDistribution.locate(
                                        properties(
                                                ElasticsearchDistribution.PROPERTY,
                                                missing.toString()),
                                        Map.of()))
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageContaining("-Daircheck.es.distribution")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void theLocalMavenRepositoryIsSearchedByCoordinates() throws IOException {
        String version = ElasticsearchDistribution.locate().version();
        Path zip =
                dir.resolve(
                        "org/elasticsearch/distribution/integ-test-zip/elasticsearch/"
                                + version
                                + "/elasticsearch-"
                                + version
                                + ".zip");
        Files.createDirectories(zip.getParent());
        Files.createFile(zip);

        ElasticsearchDistribution found =
                ElasticsearchDistribution.locate(
                        properties("maven.repo.local", dir.toString()), Map.of());

        assertThat(found.zip()).isEqualTo(zip);
        assertThat(found.version()).isEqualTo("8.19.21");
    }

    private static Properties properties(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        p.setProperty("user.home", "/nonexistent");
        return p;
    }
}
