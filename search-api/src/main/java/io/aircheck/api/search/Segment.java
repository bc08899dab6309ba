package io.aircheck.api.search;

import java.util.List;

/**
 * One transcript segment as the {@code transcripts} index holds it: a speaker's utterance in a room
 * session, with its start and end on the room clock (epoch milliseconds).
 */
public record Segment(
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

    public Segment {
        words = words == null ? List.of() : List.copyOf(words);
    }

    /** The speaker's name, or their id when no name is known. */
    public String speaker() {
        return speakerName == null || speakerName.isBlank() ? participantId : speakerName;
    }
}
