package io.aircheck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.config.ConfigException;
import io.aircheck.jobs.recorder.mix.OpusApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobsConfigTest {
    @Test
    void theRecorderSettingsComeFromTheEnvironment() {
        JobsConfig defaults = JobsConfig.fromEnv(Map.of());
        assertThat(defaults.recorder().chunkMillis()).isEqualTo(3_000);
        assertThat(defaults.recorder().allowanceMillis()).isEqualTo(1_500);
        assertThat(defaults.recorder().opusComplexity()).isEqualTo(5);

        JobsConfig cheap = JobsConfig.fromEnv(Map.of("AIRCHECK_RECORDER_OPUS_COMPLEXITY", "0"));
        assertThat(cheap.recorder().opusComplexity()).isZero();

        assertThat(defaults.recorder().opusApplication()).isEqualTo(OpusApplication.AUDIO);
        JobsConfig speech =
                JobsConfig.fromEnv(Map.of("AIRCHECK_RECORDER_OPUS_APPLICATION", "VoIP"));
        assertThat(speech.recorder().opusApplication()).isEqualTo(OpusApplication.VOIP);

        assertThat(defaults.recorder().opusMaster()).isFalse();
        JobsConfig opus = JobsConfig.fromEnv(Map.of("AIRCHECK_RECORDER_OPUS_MASTER", "true"));
        assertThat(opus.recorder().opusMaster()).isTrue();
        assertThat(opus.recorder().opusComplexity()).isEqualTo(5);
        assertThatThrownBy(
                        () -> JobsConfig.fromEnv(Map.of("AIRCHECK_RECORDER_OPUS_MASTER", "maybe")))
                .hasMessageContaining("AIRCHECK_RECORDER_OPUS_MASTER");
    }

    @Test
    void anUnknownOpusApplicationIsNamed() {
        assertThatThrownBy(
                        () ->
                                JobsConfig.fromEnv(
                                        Map.of("AIRCHECK_RECORDER_OPUS_APPLICATION", "music")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AIRCHECK_RECORDER_OPUS_APPLICATION")
                .hasMessageContaining("voip, audio");
    }

    @Test
    void badRecorderSettingsAreNamedAllAtOnce() {
        assertThatThrownBy(
                        () ->
                                JobsConfig.fromEnv(
                                        Map.of(
                                                "AIRCHECK_RECORDER_OPUS_COMPLEXITY", "11",
                                                "AIRCHECK_RECORDER_CHUNK", "3010ms")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AIRCHECK_RECORDER_OPUS_COMPLEXITY")
                .hasMessageContaining("from 0 to 10");
    }
}
