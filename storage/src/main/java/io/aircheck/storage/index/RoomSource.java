package io.aircheck.storage.index;

import io.aircheck.storage.RoomDocument;
import java.time.Instant;
import java.util.List;

/**
 * A {@link RoomDocument} as stored in the {@code rooms} index: times as epoch milliseconds, and the
 * speakers' ids repeated in {@code speakerIds} for filters.
 */
record RoomSource(
        String roomId,
        String sessionId,
        String title,
        String hostId,
        String visibility,
        List<RoomDocument.Speaker> speakers,
        List<String> speakerIds,
        Long startedAt,
        Long endedAt,
        long durationMs,
        boolean live,
        int listenerPeak,
        Long updatedAt) {

    /** The document id: deterministic, so a replay overwrites instead of duplicating. */
    static String id(String roomId, String sessionId) {
        return roomId + ":" + sessionId;
    }

    static RoomSource of(RoomDocument room) {
        return new RoomSource(
                room.roomId(),
                room.sessionId(),
                room.title(),
                room.hostId(),
                room.visibility(),
                room.speakers(),
                room.speakerIds(),
                millis(room.startedAt()),
                millis(room.endedAt()),
                room.durationMs(),
                room.live(),
                room.listenerPeak(),
                millis(room.updatedAt()));
    }

    RoomDocument toDocument() {
        return new RoomDocument(
                roomId,
                sessionId,
                title,
                hostId,
                visibility,
                speakers,
                instant(startedAt),
                instant(endedAt),
                durationMs,
                live,
                listenerPeak,
                instant(updatedAt));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
