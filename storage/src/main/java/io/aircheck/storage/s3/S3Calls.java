package io.aircheck.storage.s3;

import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one SDK call on a bucket under a {@link RetryPolicy}: each failure becomes an {@link
 * ObjectStoreException} saying what was done to which key, and transient ones are retried.
 */
final class S3Calls {
    private static final Logger LOG = LoggerFactory.getLogger(S3Calls.class);

    @FunctionalInterface
    interface Body<T> {
        T run() throws Exception;
    }

    private final String bucket;
    private final RetryPolicy retry;

    S3Calls(String bucket, RetryPolicy retry) {
        this.bucket = bucket;
        this.retry = retry;
    }

    /** {@code key} null = the call is about the bucket (e.g. a listing). */
    <T> T run(String action, String key, Body<T> body) {
        return retry.run(
                () -> {
                    try {
                        return body.run();
                    } catch (Exception e) {
                        ObjectStoreException failure = S3Failures.wrap(action, bucket, key, e);
                        if (failure.retriable()) {
                            LOG.debug("{}; may retry", failure.getMessage());
                        }
                        throw failure;
                    }
                },
                e -> e instanceof ObjectStoreException failure && failure.retriable());
    }
}
