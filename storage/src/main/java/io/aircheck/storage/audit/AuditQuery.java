package io.aircheck.storage.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A query on the audit trail: exact filters (any may be null), a time range [from, until), and a
 * page of {@code size} entries, newest first, after a cursor.
 */
public record AuditQuery(
        String actor,
        String action,
        String outcome,
        String roomId,
        String sessionId,
        String participantId,
        String caseReference,
        Instant from,
        Instant until,
        Cursor after,
        int size) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    public AuditQuery {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1 to " + MAX_SIZE + ", not " + size);
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("'from' must be before 'until'");
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(
                null, null, null, null, null, null, null, null, null, null, DEFAULT_SIZE);
    }

    /** Where a page ended: the last entry's time and log position (a total order). */
    public record Cursor(long atMs, int partition, long offset) {
        public String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            (atMs + ":" + partition + ":" + offset)
                                    .getBytes(StandardCharsets.US_ASCII));
        }

        public static Cursor decode(String text) {
            try {
                String[] parts =
                        new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII)
                                .split(":");
                return new Cursor(
                        Long.parseLong(parts[0]),
                        Integer.parseInt(parts[1]),
                        Long.parseLong(parts[2]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor this API gave: '" + text + "'");
            }
        }
    }

    public Optional<Cursor> cursor() {
        return Optional.ofNullable(after);
    }
}
