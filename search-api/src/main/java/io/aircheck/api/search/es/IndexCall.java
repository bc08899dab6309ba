package io.aircheck.api.search.es;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Runs one read on Elasticsearch: an unanswered call, 429 or 5xx is retried twice with a short
 * backoff (a searcher is waiting), and what is left becomes an {@link IndexException} that says
 * what was being done.
 */
final class IndexCall {
    private static final Set<Integer> TRANSIENT = Set.of(408, 429, 500, 502, 503, 504);

    @FunctionalInterface
    interface Body<T> {
        T run() throws Exception;
    }

    private final RetryPolicy retry = RetryPolicy.of(3, Duration.ofMillis(50));

    <T> T run(String what, Body<T> body) {
        return retry.run(
                () -> {
                    try {
                        return body.run();
                    } catch (IndexException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IndexException(
                                isTransient(e),
                                "Elasticsearch: " + what + " failed: " + describe(e),
                                e);
                    }
                },
                e -> e instanceof IndexException failure && failure.retriable());
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ElasticsearchException es) {
                return TRANSIENT.contains(es.status());
            }
            if (t instanceof TransportException te && te.statusCode() > 0) {
                return TRANSIENT.contains(te.statusCode());
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ElasticsearchException es && es.error() != null) {
                return es.error().type() + ": " + es.error().reason();
            }
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }
}
