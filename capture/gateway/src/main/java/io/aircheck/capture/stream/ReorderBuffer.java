package io.aircheck.capture.stream;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reorder (jitter) buffer of one RTP stream: packets go in by extended sequence number in any
 * order and come out in order. A packet that is next comes out at once; one that follows a gap
 * waits until the gap fills or it has waited {@code holdUs}, then the gap is given up as lost. The
 * stream's first packet also waits {@code holdUs}, so that packets reordered around it are in order
 * too. Repeats are refused as duplicates, packets whose place was given up as late. At most {@code
 * capacity} packets wait; more give up the oldest gap at once. Not thread-safe.
 *
 * @param <T> what travels with each packet
 */
public final class ReorderBuffer<T> {
    /** How far back emitted sequence numbers are remembered, to tell repeats from late packets. */
    static final int HISTORY = 1024;

    /** What became of an offered packet. */
    public enum Offer {
        HELD,
        DUPLICATE,
        LATE
    }

    /** A packet that came out: {@code lostBefore} packets before it were given up. */
    public record Released<T>(long sequence, T item, long lostBefore) {}

    private record Waiting<T>(T item, long arrivalUs) {}

    private final long holdUs;
    private final int capacity;
    private final TreeMap<Long, Waiting<T>> waiting = new TreeMap<>();
    private final boolean[] emitted = new boolean[HISTORY];
    private long next = -1;
    private long firstArrivalUs = -1;
    private long lost;

    public ReorderBuffer(long holdUs, int capacity) {
        if (holdUs < 0 || capacity < 1) {
            throw new IllegalArgumentException("hold must be >= 0 and capacity >= 1");
        }
        this.holdUs = holdUs;
        this.capacity = capacity;
    }

    /** Takes a packet; released packets (in order) are added to {@code out}. */
    public Offer offer(long sequence, T item, long arrivalUs, List<Released<T>> out) {
        if (next >= 0 && sequence < next) {
            return wasEmitted(sequence) ? Offer.DUPLICATE : Offer.LATE;
        }
        if (waiting.containsKey(sequence)) {
            return Offer.DUPLICATE;
        }
        waiting.put(sequence, new Waiting<>(item, arrivalUs));
        if (firstArrivalUs < 0) {
            firstArrivalUs = arrivalUs;
        }
        while (waiting.size() > capacity) {
            giveUpGap(out);
        }
        release(arrivalUs, out);
        return Offer.HELD;
    }

    /**
     * Releases what is due at {@code nowUs}: the next packets, and those that waited long enough.
     */
    public void release(long nowUs, List<Released<T>> out) {
        if (next < 0) {
            if (waiting.isEmpty() || nowUs - firstArrivalUs < holdUs) {
                return;
            }
            next = waiting.firstKey();
        }
        while (!waiting.isEmpty()) {
            Map.Entry<Long, Waiting<T>> head = waiting.firstEntry();
            if (head.getKey() == next) {
                emit(out, 0);
            } else if (nowUs - head.getValue().arrivalUs() >= holdUs) {
                giveUpGap(out);
            } else {
                return;
            }
        }
    }

    /** Releases everything waiting, in order, giving up the gaps between (end of stream). */
    public void flush(List<Released<T>> out) {
        if (next < 0 && !waiting.isEmpty()) {
            next = waiting.firstKey();
        }
        while (!waiting.isEmpty()) {
            giveUpGap(out);
        }
    }

    /**
     * When the oldest waiting packet is due to come out even if its gap does not fill; -1: none.
     */
    public long nextDueUs() {
        if (waiting.isEmpty()) {
            return -1;
        }
        if (next < 0) {
            return firstArrivalUs + holdUs;
        }
        return waiting.firstEntry().getValue().arrivalUs() + holdUs;
    }

    public int waitingCount() {
        return waiting.size();
    }

    /** Packets given up as lost so far (gaps that never filled). */
    public long lostCount() {
        return lost;
    }

    /** The next sequence number expected, or -1 before the first release. */
    public long nextSequence() {
        return next;
    }

    private void giveUpGap(List<Released<T>> out) {
        long first = waiting.firstKey();
        if (next < 0) {
            next = first;
        }
        long gap = first - next;
        for (long s = next; s < first && s < next + HISTORY; s++) {
            emitted[slot(s)] = false;
        }
        next = first;
        emit(out, gap);
    }

    private void emit(List<Released<T>> out, long lostBefore) {
        Waiting<T> w = waiting.pollFirstEntry().getValue();
        lost += lostBefore;
        emitted[slot(next)] = true;
        out.add(new Released<>(next, w.item(), lostBefore));
        next++;
    }

    private boolean wasEmitted(long sequence) {
        return sequence > next - 1 - HISTORY && emitted[slot(sequence)];
    }

    private static int slot(long sequence) {
        return (int) Math.floorMod(sequence, (long) HISTORY);
    }
}
