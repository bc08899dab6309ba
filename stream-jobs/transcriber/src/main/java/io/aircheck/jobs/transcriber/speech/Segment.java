package io.aircheck.jobs.transcriber.speech;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A transcript segment of one speaker's track: what was said in one utterance, with its words, all
 * times on the room clock (microseconds).
 */
public record Segment(
        String segmentId,
        String roomId,
        String sessionId,
        String participantId,
        String trackId,
        long startUs,
        long endUs,
        List<RecognizedWord> words) {

    public Segment {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a segment has words");
        }
    }

    public String text() {
        return words.stream().map(RecognizedWord::text).collect(Collectors.joining(" "));
    }

    /**
     * The segment of {@code utterance}, which starts at {@code utteranceStartUs} on the room clock,
     * or null when the engine heard nothing worth keeping. The id is the track and the room-clock
     * millisecond the utterance starts at: the same audio always gives the same id, so a replay
     * overwrites instead of duplicating.
     */
    public static Segment of(
            String roomId,
            String sessionId,
            String participantId,
            String trackId,
            long utteranceStartUs,
            Recognition recognition) {
        if (!JunkFilter.keeps(recognition)) {
            return null;
        }
        List<RecognizedWord> words =
                recognition.words().stream().map(w -> w.shiftedBy(utteranceStartUs)).toList();
        String id =
                String.join(
                        ":",
                        roomId,
                        sessionId,
                        participantId,
                        trackId,
                        Long.toString(Math.floorDiv(utteranceStartUs, 1000)));
        return new Segment(
                id,
                roomId,
                sessionId,
                participantId,
                trackId,
                words.get(0).startUs(),
                words.get(words.size() - 1).endUs(),
                words);
    }
}
