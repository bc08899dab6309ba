package io.aircheck.api.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who spoke when, from transcript lines: per speaker, the intervals of their segments, with gaps
 * shorter than {@code mergeGapMs} closed. Pure.
 */
public final class SpeakingIntervals {
    private SpeakingIntervals() {}

    /** One speaker's lane. */
    public record Lane(String participantId, String speaker, List<Interval> intervals) {}

    /** A stretch of speech, milliseconds from the session's start. */
    public record Interval(long startMs, long endMs) {}

    public static List<Lane> of(List<TranscriptLine> lines, long mergeGapMs) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<Interval>> bySpeaker = new LinkedHashMap<>();
        List<TranscriptLine> sorted = new ArrayList<>(lines);
        sorted.sort(java.util.Comparator.comparingLong(TranscriptLine::startMs));
        for (TranscriptLine line : sorted) {
            names.putIfAbsent(line.participantId(), line.speaker());
            List<Interval> intervals =
                    bySpeaker.computeIfAbsent(line.participantId(), k -> new ArrayList<>());
            long end = Math.max(line.endMs(), line.startMs());
            if (!intervals.isEmpty()
                    && line.startMs() - intervals.get(intervals.size() - 1).endMs() <= mergeGapMs) {
                Interval last = intervals.remove(intervals.size() - 1);
                intervals.add(new Interval(last.startMs(), Math.max(last.endMs(), end)));
            } else {
                intervals.add(new Interval(line.startMs(), end));
            }
        }
        List<Lane> lanes = new ArrayList<>();
        bySpeaker.forEach(
                (id, intervals) -> lanes.add(new Lane(id, names.get(id), List.copyOf(intervals))));
        return lanes;
    }
}
