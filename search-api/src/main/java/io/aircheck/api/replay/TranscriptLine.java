package io.aircheck.api.replay;

import io.aircheck.api.search.Segment;
import io.aircheck.api.search.Word;
import java.time.Instant;
import java.util.List;

/**
 * A transcript segment on its recording's timeline: times are milliseconds from the session's start
 * (time 0 of the recording), words included, so a player can mark the current segment and seek to a
 * word.
 */
public record TranscriptLine(
        String segmentId,
        String participantId,
        String speaker,
        long startMs,
        long endMs,
        String text,
        List<TimedWord> words) {

    /** A word on the recording's timeline. */
    public record TimedWord(String text, long startMs, long endMs, double confidence) {}

    public static TranscriptLine of(Segment s, Instant sessionStart) {
        long zero = sessionStart.toEpochMilli();
        return new TranscriptLine(
                s.segmentId(),
                s.participantId(),
                s.speaker(),
                Math.max(0, s.startMs() - zero),
                Math.max(0, s.endMs() - zero),
                s.text(),
                s.words().stream().map(w -> word(w, zero)).toList());
    }

    private static TimedWord word(Word w, long zero) {
        return new TimedWord(
                w.text(),
                Math.max(0, w.startMs() - zero),
                Math.max(0, w.endMs() - zero),
                w.confidence());
    }
}
