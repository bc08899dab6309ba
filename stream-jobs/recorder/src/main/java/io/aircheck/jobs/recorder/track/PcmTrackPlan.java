package io.aircheck.jobs.recorder.track;

import io.aircheck.jobs.recorder.mix.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plans the encoding of a PCM track, chunk by chunk, on the track's own 20 ms grid (grid sample 0
 * is the track's first frame). Frames are laid at their timestamps; the packets a chunk completes
 * are split into runs: where there was audio, or audio within the warm-up before, an {@link
 * Run.Kind#ENCODE} run that a fresh encoder encodes after first hearing the warm-up; where there
 * was none, a {@link Run.Kind#LOST} run of zero-length frames (long silences cost nothing). The
 * plan depends only on the frames, so a restored job plans the same runs. Memory stays bounded:
 * only the warm-up and the audio not yet emitted are kept. Pure.
 */
public final class PcmTrackPlan {
    private PcmTrackPlan() {}

    /**
     * Packets [first, end) of the track. An ENCODE run's encoder starts at grid position {@code
     * encoderStart} and is fed {@code audio} (interleaved, from there to the run's end); the
     * packets it makes before {@code first} are warm-up and dropped.
     */
    public record Run(Kind kind, long first, long end, long encoderStart, short[] audio) {
        public enum Kind {
            ENCODE,
            LOST
        }
    }

    /** The runs to emit now and the track afterwards (granule not yet advanced). */
    public record Plan(TrackState track, List<Run> runs) {}

    /**
     * @param frames this track's frames of the chunk, in timestamp order
     * @param untilUs room-clock time up to which the track is complete (the chunk's end), or -1 at
     *     the end of the session: then every packet is emitted and the encoder's look-ahead flushed
     * @param warmupFrames packets of audio a fresh encoder hears before its first kept packet
     */
    public static Plan plan(TrackState track, List<Frame> frames, long untilUs, int warmupFrames) {
        Grid grid = new Grid(track, warmupFrames);
        for (Frame frame : frames) {
            grid.lay(frame);
        }
        int packet = track.packetSamples();
        long to =
                untilUs < 0
                        ? ceilDiv(grid.audioEnd + track.delay(), packet)
                        : Math.floorDiv(grid.position(untilUs), packet);
        grid.emit(to);
        return new Plan(grid.state(), grid.runs);
    }

    /** The track's grid while a chunk is planned. */
    private static final class Grid {
        private final TrackState track;
        private final int warmup;
        private final int channels;
        private final int packet;
        private final List<Run> runs = new ArrayList<>();
        private long next;
        private long start;
        private short[] buffer;
        private boolean[] written;
        private long audioEnd;

        Grid(TrackState track, int warmup) {
            this.track = track;
            this.warmup = warmup;
            this.channels = track.channels();
            this.packet = track.packetSamples();
            this.next = track.nextPacket();
            this.start = track.bufferStart();
            this.buffer = track.buffer();
            this.written = track.written();
            this.audioEnd = track.audioEnd();
        }

        long position(long timeUs) {
            return Math.round((timeUs - track.offsetUs()) * (track.encoderRate() / 1e6));
        }

        void lay(Frame frame) {
            short[] pcm = PcmFrames.interleaved(frame, channels, track.encoderRate());
            long at = position(frame.timestampUs());
            if (at >= start + written.length + (long) (warmup + 1) * packet) {
                emit(Math.floorDiv(at, packet) - warmup); // a gap: settle what precedes it
            }
            int count = pcm.length / channels;
            int skip = (int) Math.max(0, start - at); // before the buffer: already emitted
            if (skip >= count) {
                return;
            }
            int needed = (int) (at + count - start);
            if (needed > written.length) {
                buffer = Arrays.copyOf(buffer, needed * channels);
                written = Arrays.copyOf(written, needed);
            }
            int offset = (int) (at - start);
            System.arraycopy(
                    pcm,
                    skip * channels,
                    buffer,
                    (offset + skip) * channels,
                    (count - skip) * channels);
            Arrays.fill(written, offset + skip, offset + count, true);
            audioEnd = Math.max(audioEnd, at + count);
        }

        /** Emits packets [next, to) as runs and keeps only the warm-up before {@code to}. */
        void emit(long to) {
            if (to <= next) {
                return;
            }
            long runStart = next;
            boolean active = hasAudio(next);
            for (long j = next + 1; j <= to; j++) {
                boolean now = j < to && hasAudio(j);
                if (j == to || now != active) {
                    runs.add(run(active, runStart, j));
                    runStart = j;
                    active = now;
                }
            }
            next = to;
            long keepFrom = (to - warmup) * packet;
            int drop = (int) Math.min(written.length, keepFrom - start);
            buffer = Arrays.copyOfRange(buffer, drop * channels, written.length * channels);
            written = Arrays.copyOfRange(written, drop, written.length);
            start = keepFrom;
        }

        private Run run(boolean encode, long first, long end) {
            if (!encode) {
                Run before = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (before != null && before.kind() == Run.Kind.LOST && before.end() == first) {
                    runs.remove(runs.size() - 1); // one silence, though planned in two steps
                    first = before.first();
                }
                return new Run(Run.Kind.LOST, first, end, 0, new short[0]);
            }
            long encoderStart = Math.max(0, (first - warmup) * packet);
            short[] audio = new short[(int) ((end * packet - encoderStart) * channels)];
            long from = Math.max(encoderStart, start);
            long to = Math.min(end * packet, start + written.length);
            if (to > from) {
                System.arraycopy(
                        buffer,
                        (int) (from - start) * channels,
                        audio,
                        (int) (from - encoderStart) * channels,
                        (int) (to - from) * channels);
            }
            return new Run(Run.Kind.ENCODE, first, end, encoderStart, audio);
        }

        /** Whether packet j or the warm-up before it holds audio from a frame. */
        private boolean hasAudio(long j) {
            long from = Math.max(0, (j - warmup) * packet - start);
            long to = Math.min(written.length, (j + 1) * packet - start);
            for (long i = from; i < to; i++) {
                if (written[(int) i]) {
                    return true;
                }
            }
            return false;
        }

        TrackState state() {
            return track.buffered(next, start, buffer, written, audioEnd);
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
