package io.aircheck.jobs.recorder.mix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mixes one chunk of a session: every track's frames are decoded, laid on the room clock at their
 * timestamps (a frame straddling the chunk's edge contributes the part inside it), summed, and
 * limited. Where nobody speaks the chunk is silence. Frames that cannot be decoded are returned as
 * rejections and leave silence in their place, never a shifted timeline.
 */
public final class ChunkMixer {
    private final FrameDecoder.Factory decoders;

    public ChunkMixer(FrameDecoder.Factory decoders) {
        this.decoders = decoders;
    }

    /** The mixed audio of a chunk and the frames that could not be used. */
    public record Result(short[] pcm, double limiterGain, List<Rejection> rejections) {}

    /** A frame the mixer could not use, and why. */
    public record Rejection(Frame frame, String reason) {}

    /**
     * @param frames the pending frames (any order); those not overlapping the chunk are ignored
     * @param length samples in this chunk (less than the clock's chunk size for a session's last)
     */
    public Result mix(
            SessionClock clock, long index, int length, List<Frame> frames, double limiterGain) {
        long chunkStart = clock.chunkStartSample(index);
        long chunkEndUs = clock.timeOf(chunkStart + length);
        int[] sum = new int[length];
        List<Rejection> rejections = new ArrayList<>();
        // Frames that end before the chunk stay in: a stateful decoder warms up on them.
        List<Frame> relevant = frames.stream().filter(f -> f.timestampUs() < chunkEndUs).toList();
        int[] trackBuffer = new int[length]; // shared by the tracks, one after the other
        boolean[] written = new boolean[length];
        for (List<Frame> track : byTrack(relevant).values()) {
            mixTrack(clock, chunkStart, track, sum, trackBuffer, written, rejections);
        }
        PeakLimiter limiter = new PeakLimiter(limiterGain, clock.sampleRate(), 80);
        short[] pcm = limiter.apply(sum);
        return new Result(pcm, limiter.gain(), rejections);
    }

    private void mixTrack(
            SessionClock clock,
            long chunkStart,
            List<Frame> track,
            int[] sum,
            int[] trackBuffer,
            boolean[] written,
            List<Rejection> rejections) {
        Frame first = track.get(0);
        FrameDecoder decoder;
        try {
            decoder =
                    decoders.forTrack(
                            first.codec(),
                            first.sampleRate(),
                            first.channels(),
                            clock.sampleRate());
        } catch (UndecodableFrameException e) {
            track.forEach(f -> rejections.add(new Rejection(f, e.getMessage())));
            return;
        }
        try (decoder) {
            // Track samples written so far, so overlapping frames (sender jitter) replace, not add;
            // only the range the frames touched is cleared and summed.
            int touchedFrom = sum.length;
            int touchedTo = 0;
            for (Frame frame : track) {
                short[] samples;
                try {
                    samples = decoder.decode(frame);
                } catch (UndecodableFrameException e) {
                    rejections.add(new Rejection(frame, e.getMessage()));
                    continue;
                }
                long at = clock.sampleAt(frame.timestampUs()) - chunkStart;
                int from = (int) Math.max(0, -at);
                int to = (int) Math.min(samples.length, sum.length - at);
                if (from >= to) {
                    continue;
                }
                int start = (int) (at + from);
                int end = (int) (at + to);
                if (start < touchedFrom || end > touchedTo) {
                    clear(written, start, end, touchedFrom, touchedTo);
                    touchedFrom = Math.min(touchedFrom, start);
                    touchedTo = Math.max(touchedTo, end);
                }
                for (int i = from; i < to; i++) {
                    trackBuffer[(int) at + i] = samples[i];
                }
                java.util.Arrays.fill(written, start, end, true);
            }
            for (int i = touchedFrom; i < touchedTo; i++) {
                if (written[i]) {
                    sum[i] += trackBuffer[i];
                }
            }
        }
    }

    /**
     * Clears the written flags the touched range grows by, when [start, end) extends it (with any
     * gap between them: flags left there by an earlier track must not count).
     */
    private static void clear(
            boolean[] written, int start, int end, int touchedFrom, int touchedTo) {
        if (touchedFrom >= touchedTo) {
            java.util.Arrays.fill(written, start, end, false);
            return;
        }
        if (start < touchedFrom) {
            java.util.Arrays.fill(written, start, touchedFrom, false);
        }
        if (end > touchedTo) {
            java.util.Arrays.fill(written, touchedTo, end, false);
        }
    }

    private static Map<String, List<Frame>> byTrack(List<Frame> frames) {
        Map<String, List<Frame>> tracks = new LinkedHashMap<>();
        frames.stream()
                .filter(f -> f.kind() == FrameKind.MEDIA)
                .sorted(Comparator.comparing(Frame::trackKey).thenComparingLong(Frame::sequence))
                .forEach(f -> tracks.computeIfAbsent(f.trackKey(), k -> new ArrayList<>()).add(f));
        return tracks;
    }
}
