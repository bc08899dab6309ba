package io.aircheck.jobs.recorder.mix;

/**
 * Which sequence numbers of one track arrived: the highest, and a bitmap of the {@link #WINDOW}
 * before it. A frame may arrive out of order (it is placed by its timestamp); a sequence seen
 * before is a duplicate, and one older than the window cannot be told from a duplicate and is
 * refused as well. Pure value, kept in Flink state per track.
 *
 * @param highest the highest sequence seen, -1 for none
 * @param mask bit i set: sequence {@code highest - 1 - i} was seen
 */
public record SeenSequences(long highest, long mask) {
    public static final int WINDOW = 64;

    public static final SeenSequences NONE = new SeenSequences(-1, 0);

    /** What a newly arrived sequence is. */
    public enum Verdict {
        NEW,
        DUPLICATE,
        TOO_OLD
    }

    public Verdict judge(long sequence) {
        if (sequence > highest) {
            return Verdict.NEW;
        }
        if (sequence == highest) {
            return Verdict.DUPLICATE;
        }
        long behind = highest - sequence;
        if (behind > WINDOW) {
            return Verdict.TOO_OLD;
        }
        return (mask >>> (behind - 1) & 1) != 0 ? Verdict.DUPLICATE : Verdict.NEW;
    }

    /** With {@code sequence} marked as seen (call only for a NEW one). */
    public SeenSequences with(long sequence) {
        if (highest < 0) {
            return new SeenSequences(sequence, 0);
        }
        if (sequence > highest) {
            long shift = sequence - highest;
            long older = shift >= WINDOW ? 0 : mask << shift;
            long previous = shift > WINDOW ? 0 : 1L << (shift - 1);
            return new SeenSequences(sequence, older | previous);
        }
        return new SeenSequences(highest, mask | 1L << (highest - sequence - 1));
    }
}
