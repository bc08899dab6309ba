package io.aircheck.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One room session as the catalog shows it: what the timeline job projects from {@code room.events}
 * and the search API lists. {@code endedAt} is null while the session is live.
 */
public record RoomDocument(
        String roomId,
        String sessionId,
        String title,
        String hostId,
        String visibility,
        List<Speaker> speakers,
        Instant startedAt,
        Instant endedAt,
        long durationMs,
        boolean live,
        int listenerPeak,
        Instant updatedAt) {

    /** Someone who was on stage in the session. */
    public record Speaker(String participantId, String displayName) {
        public Speaker {
            requireText("participantId", participantId);
        }
    }

    public RoomDocument {
        requireText("roomId", roomId);
        requireText("sessionId", sessionId);
        speakers = speakers == null ? List.of() : List.copyOf(speakers);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must be >= 0: " + durationMs);
        }
        if (listenerPeak < 0) {
            throw new IllegalArgumentException("listenerPeak must be >= 0: " + listenerPeak);
        }
    }

    /** The ids of everyone on stage, for filters. */
    public List<String> speakerIds() {
        return speakers.stream().map(Speaker::participantId).distinct().toList();
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
