package io.aircheck.storage;

import java.util.Optional;
import java.util.Set;

/**
 * Which room sessions to list, newest first. Null filters match everything. Paging is bounded:
 * {@code size} 1..{@value #MAX_SIZE}, and {@code from + size} at most {@value #MAX_WINDOW}.
 */
public record RoomQuery(
        Boolean live,
        String roomId,
        String speakerId,
        int from,
        int size,
        Set<String> visibilities) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int MAX_WINDOW = 10_000;

    public RoomQuery {
        if (from < 0) {
            throw new IllegalArgumentException("from must be >= 0: " + from);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ": " + size);
        }
        if ((long) from + size > MAX_WINDOW) {
            throw new IllegalArgumentException(
                    "from + size must be <= " + MAX_WINDOW + ": " + from + " + " + size);
        }
        roomId = blankToNull(roomId);
        speakerId = blankToNull(speakerId);
        visibilities =
                visibilities == null || visibilities.isEmpty() ? null : Set.copyOf(visibilities);
    }

    /** Without a visibility filter. */
    public RoomQuery(Boolean live, String roomId, String speakerId, int from, int size) {
        this(live, roomId, speakerId, from, size, null);
    }

    /** Every session, first page. */
    public static RoomQuery all() {
        return new RoomQuery(null, null, null, 0, DEFAULT_SIZE);
    }

    public RoomQuery withLive(boolean value) {
        return new RoomQuery(value, roomId, speakerId, from, size, visibilities);
    }

    public RoomQuery withRoomId(String value) {
        return new RoomQuery(live, value, speakerId, from, size, visibilities);
    }

    public RoomQuery withSpeakerId(String value) {
        return new RoomQuery(live, roomId, value, from, size, visibilities);
    }

    public RoomQuery page(int newFrom, int newSize) {
        return new RoomQuery(live, roomId, speakerId, newFrom, newSize, visibilities);
    }

    /**
     * Only sessions whose visibility is one of {@code values} (e.g. PUBLIC for anonymous callers).
     */
    public RoomQuery withVisibilities(Set<String> values) {
        return new RoomQuery(live, roomId, speakerId, from, size, values);
    }

    public Optional<Set<String>> visibilityFilter() {
        return Optional.ofNullable(visibilities);
    }

    public Optional<Boolean> liveFilter() {
        return Optional.ofNullable(live);
    }

    public Optional<String> roomFilter() {
        return Optional.ofNullable(roomId);
    }

    public Optional<String> speakerFilter() {
        return Optional.ofNullable(speakerId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
