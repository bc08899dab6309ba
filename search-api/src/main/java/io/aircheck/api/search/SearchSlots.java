package io.aircheck.api.search;

import io.aircheck.api.ApiException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many searches (and export pages) are served at once; the others wait their turn, in order of
 * arrival. With as many searches in the index as its node has cores, plus one, each is served
 * nearly as fast as alone, and a search's time is its wait plus its own work: the slow kinds (a
 * phrase of common words) no longer stretch every other search under load, which is what makes the
 * tail of the latency (p99) longer. A search that waits longer than the timeout is answered 503
 * {@code busy}, so that a flood is refused early rather than queued without end.
 */
public final class SearchSlots {
    private final int slots;
    private final Semaphore free;
    private final long timeoutNanos;

    public SearchSlots(int slots, Duration timeout) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1, not " + slots);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        this.slots = slots;
        this.free = new Semaphore(slots, true);
        this.timeoutNanos = timeout.toNanos();
    }

    /** Runs {@code search} once a slot is free, or answers 503 after the timeout. */
    public <T> T run(Supplier<T> search) {
        boolean acquired;
        try {
            acquired = free.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("the request was interrupted while it waited its turn");
        }
        if (!acquired) {
            throw busy(
                    "the index is busy ("
                            + slots
                            + " searches at once, "
                            + free.getQueueLength()
                            + " more waiting); try again shortly");
        }
        try {
            return search.get();
        } finally {
            free.release();
        }
    }

    public int slots() {
        return slots;
    }

    /** Searches waiting for a slot now (an estimate, for metrics and messages). */
    public int waiting() {
        return free.getQueueLength();
    }

    private static ApiException busy(String message) {
        return new ApiException(503, "busy", message);
    }
}
