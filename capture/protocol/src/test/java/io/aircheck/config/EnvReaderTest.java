package io.aircheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReaderTest {

    @Test
    void defaultsApplyWhenUnset() {
        EnvReader env = new EnvReader(Map.of());
        S3Settings s3 = S3Settings.read(env);
        env.validate("test");
        assertThat(s3.endpoint()).hasToString("http://127.0.0.1:9000");
        assertThat(s3.bucket()).isEqualTo("aircheck-archive");
    }

    @Test
    void listsEveryBadKeyAtOnce() {
        EnvReader env =
                new EnvReader(
                        Map.of(
                                "AIRCHECK_S3_ENDPOINT", "ftp://nowhere",
                                "AIRCHECK_S3_BUCKET", "Not_A_Bucket",
                                "AIRCHECK_ES_URL", "http://"));
        S3Settings.read(env);
        ElasticsearchSettings.read(env);
        assertThatThrownBy(() -> env.validate("search-api"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("search-api")
                .hasMessageContaining("AIRCHECK_S3_ENDPOINT=ftp://nowhere: not an http(s) URL")
                .hasMessageContaining("AIRCHECK_S3_BUCKET=Not_A_Bucket: not a valid S3 bucket name")
                .hasMessageContaining("AIRCHECK_ES_URL=http://");
    }

    @Test
    void parsesDurationsPortsAndFlags() {
        assertThat(Setting.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Setting.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Setting.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Setting.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Setting.parseDuration("PT2H")).isEqualTo(Duration.ofHours(2));

        EnvReader env = new EnvReader(Map.of("P", "70000", "F", "maybe"));
        env.get(Setting.port("P", 1, "a port"));
        env.get(Setting.flag("F", false, "a flag"));
        assertThatThrownBy(() -> env.validate("x"))
                .hasMessageContaining("P=70000: not a port")
                .hasMessageContaining("F=maybe: not a boolean");
    }

    @Test
    void tableListsEverySetting() {
        String table = SettingsTable.markdown(S3Settings.SETTINGS);
        assertThat(table).contains("`AIRCHECK_S3_ENDPOINT`", "`AIRCHECK_S3_SECRET_KEY`");
    }
}
