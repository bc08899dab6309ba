package io.aircheck.storage.index;

import io.aircheck.storage.IndexException;
import io.aircheck.storage.RetryPolicy;
import java.util.List;

/**
 * Runs one Elasticsearch call under a {@link RetryPolicy}: transient failures are retried, and what
 * is left becomes an {@link IndexException} that says what was being done.
 */
final class ElasticsearchCall {
    @FunctionalInterface
    interface Body<T> {
        T run() throws Exception;
    }

    private final RetryPolicy retry;

    ElasticsearchCall(RetryPolicy retry) {
        this.retry = retry;
    }

    <T> T run(String what, Body<T> body) {
        return retry.run(
                () -> {
                    try {
                        return body.run();
                    } catch (IndexException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IndexException(
                                ElasticsearchFailures.isTransient(e),
                                "Elasticsearch: "
                                        + what
                                        + " failed: "
                                        + ElasticsearchFailures.describe(e),
                                List.of(),
                                e);
                    }
                },
                e -> e instanceof IndexException failure && failure.retriable());
    }
}
