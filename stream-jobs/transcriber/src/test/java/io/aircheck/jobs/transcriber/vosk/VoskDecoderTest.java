package io.aircheck.jobs.transcriber.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskDecoderTest {
    @Test
    void namesAreReadInAnyCaseAndAnUnknownOneIsExplained() {
        assertThat(VoskDecoder.parse("Fast")).isEqualTo(VoskDecoder.FAST);
        assertThat(VoskDecoder.parse(" accurate ")).isEqualTo(VoskDecoder.ACCURATE);
        assertThat(VoskDecoder.parse("model")).isEqualTo(VoskDecoder.MODEL);
        assertThatThrownBy(() -> VoskDecoder.parse("turbo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown decoder 'turbo' (known: fast, accurate, model)");
    }

    @Test
    void aSettingIsReplacedWhereTheConfHasItAndAddedWhereNot() {
        String conf = "--min-active=200\n--max-active=3000\n--beam=10.0\n\n--acoustic-scale=1.0\n";
        assertThat(VoskDecoder.edit(conf, Map.of("--max-active", "1000", "--lattice-beam", "1.0")))
                .isEqualTo(
                        "--min-active=200\n--beam=10.0\n--acoustic-scale=1.0\n"
                                + "--lattice-beam=1.0\n--max-active=1000\n");
    }

    @Test
    void aProfileIsAFolderWithItsConfsAndLinksToTheModelsParts(
            @TempDir Path model, @TempDir Path folders) throws Exception {
        Files.createDirectories(model.resolve("am"));
        Files.writeString(model.resolve("am/final.mdl"), "acoustic model");
        Files.createDirectories(model.resolve("graph"));
        Files.createDirectories(model.resolve("conf"));
        Files.writeString(model.resolve("conf/model.conf"), "--max-active=3000\n--beam=10.0\n");
        Files.writeString(model.resolve("conf/mfcc.conf"), "--use-energy=false\n--dither=1.0\n");

        Path fast = VoskDecoder.FAST.apply(model, folders);
        assertThat(Files.readString(fast.resolve("conf/model.conf")))
                .contains("--max-active=1000", "--beam=8.0", "--frames-per-chunk=99")
                .doesNotContain("3000");
        assertThat(Files.readString(fast.resolve("conf/mfcc.conf")))
                .isEqualTo("--use-energy=false\n--dither=0\n");
        assertThat(Files.readString(fast.resolve("am/final.mdl"))).isEqualTo("acoustic model");
        assertThat(Files.isSymbolicLink(fast.resolve("graph"))).isTrue();
        assertThat(fast.getParent()).isEqualTo(folders);
        // the same model and profile: the same folder; the model's own conf: the model itself
        assertThat(VoskDecoder.FAST.apply(model, folders)).isEqualTo(fast);
        assertThat(VoskDecoder.ACCURATE.apply(model, folders)).isNotEqualTo(fast);
        assertThat(VoskDecoder.MODEL.apply(model, folders)).isEqualTo(model);
    }
}
