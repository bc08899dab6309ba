package io.aircheck.storage;

import java.util.List;
import java.util.Objects;

/**
 * One transcript segment as the {@code transcripts} index holds it: who said it (participant and
 * display name), in which room session, when (room clock, epoch milliseconds), what (text and timed
 * words), and who may see it (the room's visibility, the speaker's recording consent).
 */
public record TranscriptDocument(
        String segmentId,
        String roomId,
        String sessionId,
        String participantId,
        String speakerName,
        long startMs,
        long endMs,
        String text,
        List<Word> words,
        String visibility,
        boolean consent,
        String roomTitle) {

    /** A word with its room-clock times (epoch milliseconds) and the engine's confidence (0-1). */
    public record Word(String text, long startMs, long endMs, double confidence) {}

    public TranscriptDocument {
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(sessionId, "sessionId");
        words = List.copyOf(words);
    }
}
