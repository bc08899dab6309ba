package io.aircheck.capture.room;

/**
 * The frame sequence numbers a track has accepted, within a sliding window below the highest one:
 * enough to refuse repeats and to accept late (reordered) frames in bounded memory.
 */
final class SequenceWindow {
    static final int SIZE = 4096;

    enum Status {
        NEW,
        DUPLICATE,
        TOO_OLD
    }

    private final boolean[] seen = new boolean[SIZE];
    private long highest = -1;

    Status status(long sequence) {
        if (highest < 0 || sequence > highest) {
            return Status.NEW;
        }
        if (sequence <= highest - SIZE) {
            return Status.TOO_OLD;
        }
        return seen[slot(sequence)] ? Status.DUPLICATE : Status.NEW;
    }

    /** True when frames between the highest accepted one and {@code sequence} are missing. */
    boolean isGapBefore(long sequence) {
        return highest >= 0 && sequence > highest + 1;
    }

    void add(long sequence) {
        if (sequence > highest) {
            long from = Math.max(highest + 1, sequence - SIZE + 1);
            for (long s = from; s < sequence; s++) {
                seen[slot(s)] = false;
            }
            highest = sequence;
        }
        seen[slot(sequence)] = true;
    }

    void remove(long sequence) {
        if (highest >= 0 && sequence <= highest && sequence > highest - SIZE) {
            seen[slot(sequence)] = false;
        }
    }

    long highest() {
        return highest;
    }

    private static int slot(long sequence) {
        return (int) Math.floorMod(sequence, (long) SIZE);
    }
}
