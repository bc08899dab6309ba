package io.aircheck.capture.room;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Session ids are derived from the session's start on the room clock, at millisecond precision in
 * UTC ({@code 20261125T194100123Z}): readable, sortable, and the same when the log is replayed. A
 * room opened twice within one millisecond gets a suffix ({@code -2}, {@code -3}, ...).
 */
final class SessionIds {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private SessionIds() {}

    static String forStart(long startUs, Set<String> taken) {
        String base = FORMAT.format(Instant.ofEpochMilli(Math.floorDiv(startUs, 1000)));
        String id = base;
        for (int n = 2; taken.contains(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
