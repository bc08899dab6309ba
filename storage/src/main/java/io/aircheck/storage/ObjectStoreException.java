package io.aircheck.storage;

/** A failed object-store call. {@link #retriable()} says whether trying again could help. */
public class ObjectStoreException extends RuntimeException {
    public enum Kind {
        /** The object does not exist. */
        NOT_FOUND,
        /** Network trouble, timeouts, 5xx, throttling: a retry may succeed. */
        TRANSIENT,
        /** Bad credentials, missing bucket, access denied, bad request: a retry will not help. */
        PERMANENT
    }

    private final Kind kind;

    public ObjectStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean notFound() {
        return kind == Kind.NOT_FOUND;
    }

    public boolean retriable() {
        return kind == Kind.TRANSIENT;
    }
}
