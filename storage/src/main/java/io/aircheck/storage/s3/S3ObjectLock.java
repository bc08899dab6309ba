package io.aircheck.storage.s3;

import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.retention.ObjectLock;
import io.minio.DisableObjectLegalHoldArgs;
import io.minio.EnableObjectLegalHoldArgs;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.GetObjectRetentionArgs;
import io.minio.MinioClient;
import io.minio.SetObjectRetentionArgs;
import io.minio.messages.ObjectLockConfiguration;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 Object Lock through the MinIO SDK: detects whether the bucket has it ({@code
 * GetObjectLockConfiguration}: a configuration = yes; {@code ObjectLockConfigurationNotFoundError}
 * = the bucket was made without it; 501 {@code NotImplemented} = the server has none, e.g.
 * S3Proxy), sets and clears legal-hold flags, and locks objects in compliance mode until a date.
 */
public final class S3ObjectLock implements ObjectLock {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectLock.class);
    private static final Set<String> NO_CONFIGURATION =
            Set.of(
                    "ObjectLockConfigurationNotFoundError",
                    "NoSuchObjectLockConfiguration",
                    "InvalidRequest");

    private final MinioClient client;
    private final String bucket;
    private final S3Calls calls;
    private Enforcement enforcement;

    S3ObjectLock(MinioClient client, String bucket, S3Calls calls) {
        this.client = client;
        this.bucket = bucket;
        this.calls = calls;
    }

    @Override
    public synchronized Enforcement enforcement() {
        if (enforcement == null) {
            enforcement = detect();
            LOG.info("legal holds on bucket '{}': {}", bucket, enforcement.description());
        }
        return enforcement;
    }

    /** One call, no retries: a 501 is an answer, not a failure to retry. */
    private Enforcement detect() {
        try {
            ObjectLockConfiguration config =
                    client.getObjectLockConfiguration(
                            GetObjectLockConfigurationArgs.builder().bucket(bucket).build());
            String mode =
                    config == null || config.mode() == null
                            ? "no default retention"
                            : "default " + config.mode();
            return new Enforcement(
                    true,
                    "S3 Object Lock (WORM) on bucket '"
                            + bucket
                            + "' ("
                            + mode
                            + "): legal-hold flags and compliance retention on the server, and aircheck's own checks");
        } catch (Exception e) {
            String code = S3Failures.errorCode(e);
            int status = S3Failures.httpStatus(e);
            if (status == 501 || "NotImplemented".equals(code)) {
                return new Enforcement(
                        false,
                        "aircheck only: the S3 server of bucket '"
                                + bucket
                                + "' has no Object Lock (501 NotImplemented); holds are enforced by aircheck itself");
            }
            if (code != null && NO_CONFIGURATION.contains(code)) {
                return new Enforcement(
                        false,
                        "aircheck only: bucket '"
                                + bucket
                                + "' was created without S3 Object Lock ("
                                + code
                                + "); holds are enforced by aircheck itself. For WORM, create the bucket with object lock (e.g. mc mb --with-lock)");
            }
            throw S3Failures.wrap("get object lock configuration of", bucket, null, e);
        }
    }

    @Override
    public void legalHold(String key, boolean on) {
        calls.run(
                on ? "set legal hold on" : "clear legal hold on",
                key,
                () -> {
                    if (on) {
                        client.enableObjectLegalHold(
                                EnableObjectLegalHoldArgs.builder()
                                        .bucket(bucket)
                                        .object(key)
                                        .build());
                    } else {
                        client.disableObjectLegalHold(
                                DisableObjectLegalHoldArgs.builder()
                                        .bucket(bucket)
                                        .object(key)
                                        .build());
                    }
                    return null;
                });
    }

    @Override
    public void retainUntil(String key, Instant until) {
        calls.run(
                "lock (compliance retention)",
                key,
                () -> {
                    client.setObjectRetention(
                            SetObjectRetentionArgs.builder()
                                    .bucket(bucket)
                                    .object(key)
                                    .config(
                                            new Retention(
                                                    RetentionMode.COMPLIANCE,
                                                    until.atZone(ZoneOffset.UTC)))
                                    .build());
                    return null;
                });
    }

    @Override
    public Optional<Instant> retainedUntil(String key) {
        try {
            Retention retention =
                    calls.run(
                            "get retention of",
                            key,
                            () ->
                                    client.getObjectRetention(
                                            GetObjectRetentionArgs.builder()
                                                    .bucket(bucket)
                                                    .object(key)
                                                    .build()));
            return retention == null || retention.retainUntilDate() == null
                    ? Optional.empty()
                    : Optional.of(retention.retainUntilDate().toInstant());
        } catch (ObjectStoreException e) {
            String code = S3Failures.errorCode(e.getCause());
            if (code != null
                    && (code.equals("NoSuchObjectLockConfiguration")
                            || code.contains("Retention"))) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
