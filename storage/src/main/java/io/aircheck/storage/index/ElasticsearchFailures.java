package io.aircheck.storage.index;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.util.Set;
import org.elasticsearch.client.ResponseException;

/**
 * Sorts what the Elasticsearch client throws: no answer (I/O, timeouts), 429 and 5xx are transient;
 * everything else (400 bad request, 401/403, 404, mapping errors) is permanent.
 */
final class ElasticsearchFailures {
    /** Item or request statuses that a retry can cure. */
    static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

    private ElasticsearchFailures() {}

    /** The HTTP status of the failure, or -1 when the server did not answer. */
    static int status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ElasticsearchException es) {
                return es.status();
            }
            if (t instanceof TransportException te && te.statusCode() > 0) {
                return te.statusCode();
            }
            if (t instanceof ResponseException re) {
                return re.getResponse().getStatusLine().getStatusCode();
            }
        }
        return -1;
    }

    static boolean isTransient(Throwable failure) {
        int status = status(failure);
        if (status > 0) {
            return TRANSIENT_STATUSES.contains(status);
        }
        return find(failure, IOException.class) != null;
    }

    /** The error type Elasticsearch gave, e.g. {@code resource_already_exists_exception}. */
    static String errorType(Throwable failure) {
        ElasticsearchException es = find(failure, ElasticsearchException.class);
        return es == null || es.error() == null ? null : es.error().type();
    }

    /** What went wrong, in a line. */
    static String describe(Throwable failure) {
        ElasticsearchException es = find(failure, ElasticsearchException.class);
        if (es != null && es.error() != null) {
            return es.error().type() + ": " + es.error().reason();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
