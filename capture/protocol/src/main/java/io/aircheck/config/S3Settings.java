package io.aircheck.config;

import java.net.URI;
import java.util.List;

/** The S3-compatible archive store and its bucket. */
public record S3Settings(
        URI endpoint, String accessKey, String secretKey, String bucket, String region)
        implements java.io.Serializable {

    public static final Setting<URI> ENDPOINT =
            new Setting<>(
                    "AIRCHECK_S3_ENDPOINT",
                    "http://127.0.0.1:9000",
                    "S3-compatible endpoint (MinIO, S3, ...). The embedded stack starts its own server unless this is set.",
                    Setting.url("x", "").parser());
    public static final Setting<String> ACCESS_KEY =
            Setting.string("AIRCHECK_S3_ACCESS_KEY", "aircheck", "S3 access key.");
    public static final Setting<String> SECRET_KEY =
            Setting.string(
                    "AIRCHECK_S3_SECRET_KEY",
                    "aircheck-secret-key",
                    "S3 secret key (8+ characters).");
    public static final Setting<String> BUCKET =
            Setting.string(
                    "AIRCHECK_S3_BUCKET",
                    "aircheck-archive",
                    "Archive bucket (created at start-up if missing).");
    public static final Setting<String> REGION =
            Setting.string("AIRCHECK_S3_REGION", "us-east-1", "S3 region.");

    public static final List<Setting<?>> SETTINGS =
            List.of(ENDPOINT, ACCESS_KEY, SECRET_KEY, BUCKET, REGION);

    public static S3Settings read(EnvReader env) {
        S3Settings settings =
                new S3Settings(
                        env.get(ENDPOINT),
                        env.get(ACCESS_KEY),
                        env.get(SECRET_KEY),
                        env.get(BUCKET),
                        env.get(REGION));
        if (settings.bucket() != null
                && !settings.bucket().matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            env.problem(BUCKET.env() + "=" + settings.bucket() + ": not a valid S3 bucket name");
        }
        if (settings.secretKey() != null && settings.secretKey().length() < 8) {
            env.problem(SECRET_KEY.env() + ": must have at least 8 characters");
        }
        return settings;
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint="
                + endpoint
                + ", accessKey="
                + accessKey
                + ", bucket="
                + bucket
                + "]";
    }
}
