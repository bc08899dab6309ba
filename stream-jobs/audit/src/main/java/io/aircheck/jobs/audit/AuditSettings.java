package io.aircheck.jobs.audit;

import io.aircheck.config.EnvReader;
import io.aircheck.config.Setting;
import io.aircheck.storage.signing.SigningKeyFile;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The audit archiver's settings: how many entries make a batch, how long an entry may wait for its
 * batch, and the key that signs batches.
 */
public record AuditSettings(int batchSize, long flushMs, SigningKeyFile signingKey)
        implements Serializable {
    public static final Setting<Integer> BATCH_SIZE =
            Setting.positiveInt(
                    "AIRCHECK_AUDIT_BATCH_SIZE",
                    500,
                    "Audit events per archived batch (a batch is also written when its oldest event has waited AIRCHECK_AUDIT_FLUSH).");
    public static final Setting<Duration> FLUSH =
            Setting.duration(
                    "AIRCHECK_AUDIT_FLUSH",
                    "5s",
                    "Longest an audit event waits before its batch is archived to the bucket and searchable.");

    public static final List<Setting<?>> SETTINGS = List.of(BATCH_SIZE, FLUSH);

    public AuditSettings {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("an audit batch holds 1 to 100000 events");
        }
        if (flushMs < 10) {
            throw new IllegalArgumentException("the audit flush interval must be at least 10ms");
        }
    }

    public static AuditSettings read(EnvReader env) {
        Integer size = env.get(BATCH_SIZE);
        Duration flush = env.get(FLUSH);
        SigningKeyFile key = SigningKeyFile.read(env);
        if (size == null || flush == null) {
            return null;
        }
        try {
            return new AuditSettings(size, flush.toMillis(), key);
        } catch (IllegalArgumentException e) {
            env.problem(BATCH_SIZE.env() + "/" + FLUSH.env() + ": " + e.getMessage());
            return null;
        }
    }
}
