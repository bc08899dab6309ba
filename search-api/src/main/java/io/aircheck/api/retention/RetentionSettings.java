package io.aircheck.api.retention;

import io.aircheck.config.EnvReader;
import io.aircheck.config.Setting;
import io.aircheck.storage.retention.RetentionPolicy;
import java.util.List;

/** The retention tiers the retention command applies (see {@link RetentionPolicy#parse}). */
public record RetentionSettings(RetentionPolicy policy) {
    public static final Setting<RetentionPolicy> TIERS =
            new Setting<>(
                    "AIRCHECK_RETENTION_TIERS",
                    "public-replay=90d:rooms/*/*/mix/*.m4s,rooms/*/*/mix/*.m3u8,rooms/*/*/mix/init.mp4,rooms/*/*/mix/public/**;"
                            + "work=30d:rooms/*/*/mix/work/**,rooms/*/*/work/**;compliance=7y!:rooms/**;exports=365d:exports/**",
                    "Retention tiers, first match wins: name=retention[!]:pattern,...;... (retention 30d, 6w, 7y or forever; ! = WORM, locked on S3 Object Lock; a pattern may start s3://bucket/ for another bucket). Objects no tier matches (the audit trail, legal holds) are kept. Applied by `aircheck retention`.",
                    RetentionPolicy::parse);

    public static final List<Setting<?>> SETTINGS = List.of(TIERS);

    public static RetentionSettings read(EnvReader env) {
        return new RetentionSettings(env.get(TIERS));
    }
}
