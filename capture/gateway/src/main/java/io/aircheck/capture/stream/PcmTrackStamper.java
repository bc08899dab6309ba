package io.aircheck.capture.stream;

/**
 * Stamps a raw PCM stream (s16le, as LiveKit's track egress sends it to a WebSocket) on the room
 * clock: PCM has no timestamps, so each piece's time is where the previous ended (sample count),
 * anchored on the time the pieces arrive (a piece that arrives complete at time a started at a
 * minus its duration). A pause (the sender says it is muted, or data arrives {@link #PAUSE_US}
 * later than expected) re-anchors forward, leaving silence; drift is corrected as for RTP ({@link
 * RoomClockMapping}). Pieces are cut to whole samples: a trailing partial sample waits for the next
 * piece. Not thread-safe.
 */
public final class PcmTrackStamper {
    /** Data this much later than the stream's clock is a pause, not a delay. */
    public static final long PAUSE_US = 200_000;

    private final int sampleRate;
    private final int bytesPerSample;
    private final RoomClockMapping mapping;
    private byte[] carry = new byte[0];
    private long samples;
    private long nextRelative;
    private boolean resumeAnchor;

    public PcmTrackStamper(int sampleRate, int channels) {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("sampleRate and channels must be > 0");
        }
        this.sampleRate = sampleRate;
        this.bytesPerSample = 2 * channels;
        this.mapping = new RoomClockMapping(sampleRate, PAUSE_US);
    }

    /**
     * The frame for {@code data} arrived at {@code arrivalUs}, or null when it (with what was
     * carried over) holds less than one whole sample.
     */
    public StampedFrame stamp(byte[] data, long arrivalUs) {
        int total = carry.length + data.length;
        int whole = total - total % bytesPerSample;
        if (whole == 0) {
            carry = concat(carry, data, total);
            return null;
        }
        byte[] all = concat(carry, data, total);
        byte[] payload = whole == total ? all : java.util.Arrays.copyOf(all, whole);
        carry = java.util.Arrays.copyOfRange(all, whole, total);
        long count = whole / bytesPerSample;
        if (resumeAnchor) {
            mapping.restart();
            resumeAnchor = false;
        }
        mapping.observe(samples + count, arrivalUs);
        long at = mapping.stamp(samples, samples + count);
        samples += count;
        return new StampedFrame(
                nextRelative++, at, (int) (count * 1_000_000 / sampleRate), payload, false);
    }

    /** The sender says its track is muted: what comes next starts where it arrives. */
    public void muted() {
        resumeAnchor = true;
    }

    /** Bytes of a partial sample waiting for the next piece. */
    public int carriedBytes() {
        return carry.length;
    }

    public long clockCorrections() {
        return mapping.corrections();
    }

    private static byte[] concat(byte[] a, byte[] b, int total) {
        if (a.length == 0) {
            return b;
        }
        byte[] out = java.util.Arrays.copyOf(a, total);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
