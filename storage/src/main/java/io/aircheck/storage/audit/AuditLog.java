package io.aircheck.storage.audit;

/**
 * Where audit events go ({@code archive.audit}). {@link #record} returns once the event is durably
 * in the log, or throws {@link AuditLogException}: callers that must not act unrecorded (a
 * deletion, an export) stop there.
 */
public interface AuditLog extends AutoCloseable {
    void record(AuditRecord record);

    @Override
    default void close() {}

    /** The event could not be recorded. */
    final class AuditLogException extends RuntimeException {
        public AuditLogException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
