package io.aircheck.capture.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.config.ConfigException;
import io.aircheck.config.SettingsTable;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureConfigTest {

    @Test
    void defaultsAreTheEmbeddedStacks() {
        CaptureConfig config = CaptureConfig.fromEnv(Map.of());
        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8090);
        assertThat(config.credentials().names()).containsExactly("simulator");
        assertThat(config.credentials().sourceFor("aircheck-dev-ingest")).contains("simulator");
        assertThat(config.maxFrameBytes()).isEqualTo(65536);
        assertThat(config.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void everyBadKeyIsListedAtOnceWithoutShowingSecrets() {
        assertThatThrownBy(
                        () ->
                                CaptureConfig.fromEnv(
                                        Map.of(
                                                "AIRCHECK_CAPTURE_PORT", "99999",
                                                "AIRCHECK_INGEST_CREDENTIALS",
                                                        "janus:short-secret,bad name:0123456789abcdef",
                                                "AIRCHECK_MAX_FRAME_BYTES", "0",
                                                "AIRCHECK_CAPTURE_WRITE_TIMEOUT", "10ms",
                                                "AIRCHECK_KAFKA_BOOTSTRAP", " ")))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> {
                            assertThat(e.problems()).hasSize(6);
                            assertThat(e.getMessage())
                                    .contains("AIRCHECK_CAPTURE_PORT")
                                    .contains("the secret of 'janus' is shorter than 16 characters")
                                    .contains("name 'bad name' is not a valid id")
                                    .contains("AIRCHECK_MAX_FRAME_BYTES")
                                    .contains("AIRCHECK_CAPTURE_WRITE_TIMEOUT")
                                    .contains("AIRCHECK_KAFKA_BOOTSTRAP")
                                    .doesNotContain("short-secret")
                                    .doesNotContain("0123456789abcdef");
                        });
    }

    @Test
    void credentialsAreLookedUpBySecret() {
        CaptureConfig config =
                CaptureConfig.fromEnv(
                        Map.of(
                                "AIRCHECK_INGEST_CREDENTIALS",
                                " janus : 0123456789abcdef , livekit:fedcba9876543210zz"));
        assertThat(config.credentials().sourceFor("fedcba9876543210zz")).contains("livekit");
        assertThat(config.credentials().sourceFor("0123456789abcdef")).contains("janus");
        assertThat(config.credentials().sourceFor("0123456789abcde")).isEmpty();
        assertThat(config.credentials().sourceFor("")).isEmpty();
        assertThat(config.credentials().toString()).isEqualTo("IngestCredentials[janus, livekit]");
    }

    @Test
    void theReadmeTableListsEverySetting() {
        String table = SettingsTable.markdown(CaptureConfig.SETTINGS);
        for (var setting : CaptureConfig.SETTINGS) {
            assertThat(table).contains(setting.env());
        }
    }

    @Test
    void bearerTokensComeFromTheHeaderFirst() {
        assertThat(BearerToken.from("Bearer abc", "q")).contains("abc");
        assertThat(BearerToken.from("bearer  abc ", null)).contains("abc");
        assertThat(BearerToken.from("Basic abc", "q")).isEmpty();
        assertThat(BearerToken.from(null, "q")).contains("q");
        assertThat(BearerToken.from(null, " ")).isEmpty();
    }
}
