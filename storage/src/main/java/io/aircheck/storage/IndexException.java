package io.aircheck.storage;

import java.util.List;

/**
 * A failed search-index call. {@link #retriable()} says whether trying again could help; {@link
 * #documentIds()} names the documents that were refused, when documents were.
 */
public class IndexException extends RuntimeException {
    private final boolean retriable;
    private final List<String> documentIds;

    public IndexException(
            boolean retriable, String message, List<String> documentIds, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
        this.documentIds = List.copyOf(documentIds);
    }

    public IndexException(boolean retriable, String message, Throwable cause) {
        this(retriable, message, List.of(), cause);
    }

    public boolean retriable() {
        return retriable;
    }

    public List<String> documentIds() {
        return documentIds;
    }
}
