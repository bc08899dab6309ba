package io.aircheck.capture.stream;

/**
 * Extends a wrapping counter (RTP's 16-bit sequence number, 32-bit timestamp) to 64 bits: each
 * value is taken as the extension nearest to the highest one seen, so wrap-around and reordering
 * across it come out right. The first value is placed one cycle up, so that packets from just
 * before it (reordered) stay positive.
 */
public final class WrapCounter {
    private final int bits;
    private final long modulus;
    private final long mask;
    private long highest = -1;

    private WrapCounter(int bits) {
        this.bits = bits;
        this.modulus = 1L << bits;
        this.mask = modulus - 1;
    }

    /** For RTP sequence numbers. */
    public static WrapCounter sequence() {
        return new WrapCounter(16);
    }

    /** For RTP timestamps. */
    public static WrapCounter timestamp() {
        return new WrapCounter(32);
    }

    /** The extended value of {@code raw} without remembering it. */
    public long peek(long raw) {
        long value = raw & mask;
        if (highest < 0) {
            return modulus + value;
        }
        long delta = (value - (highest & mask)) & mask;
        if (delta >= modulus / 2) {
            delta -= modulus; // nearer backwards
        }
        return highest + delta;
    }

    /** The extended value of {@code raw}; the highest seen moves up if it is higher. */
    public long extend(long raw) {
        long extended = peek(raw);
        if (extended > highest) {
            highest = extended;
        }
        return extended;
    }

    /** Starts over: the next value is placed as if it were the first. */
    public void reset() {
        highest = -1;
    }

    public long highest() {
        return highest;
    }

    int bits() {
        return bits;
    }
}
