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
        for (List<Frame> track : byTrack(relevant).values()) {
            mixTrack(clock, chunkStart, track, sum, rejections);
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
            // Track samples written so far, so overlapping frames (sender jitter) replace, not add.
            int[] trackBuffer = new int[sum.length];
            boolean[] written = new boolean[sum.length];
            for (Frame frame : track) {
                short[] samples;
                try {
                    samples = decoder.decode(frame);
                } catch (UndecodableFrameException e) {
                    rejections.add(new Rejection(frame, e.getMessage()));
                    continue;
                }
                long at = clock.sampleAt(frame.timestampUs()) - chunkStart;
                for (int i = 0; i < samples.length; i++) {
                    long pos = at + i;
                    if (pos >= 0 && pos < sum.length) {
                        trackBuffer[(int) pos] = samples[i];
                        written[(int) pos] = true;
                    }
                }
            }
            for (int i = 0; i < sum.length; i++) {
                if (written[i]) {
                    sum[i] += trackBuffer[i];
                }
            }
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
