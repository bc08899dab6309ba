package io.aircheck.capture.gateway;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The bytes of audio handed to the log and not yet acknowledged (or failed), bounded below the
 * producer's own buffer: when Kafka is slow or down, audio sources hit this bound first and are
 * pushed back (sockets stop being read; RTP packets are dropped and counted), while events, marks
 * and dead letters keep the rest of the producer's buffer and never block on audio.
 */
final class WriteBudget {
    private final long capacity;
    private final LongSupplier nanoClock;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong busySince = new AtomicLong(-1);
    private final AtomicLong lastCompletion = new AtomicLong();

    WriteBudget(long capacity, LongSupplier nanoClock) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0");
        }
        this.capacity = capacity;
        this.nanoClock = nanoClock;
        this.lastCompletion.set(nanoClock.getAsLong());
    }

    /** Takes {@code bytes} if they fit (one write always fits when nothing is in flight). */
    boolean tryAcquire(long bytes) {
        while (true) {
            long now = inFlight.get();
            if (now > 0 && now + bytes > capacity) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + bytes)) {
                if (now == 0) {
                    busySince.set(nanoClock.getAsLong());
                }
                return true;
            }
        }
    }

    /** Takes {@code bytes} even past the bound (frames that must precede an event's marks). */
    void acquire(long bytes) {
        if (inFlight.getAndAdd(bytes) == 0) {
            busySince.set(nanoClock.getAsLong());
        }
    }

    void release(long bytes) {
        lastCompletion.set(nanoClock.getAsLong());
        inFlight.addAndGet(-bytes);
    }

    long inFlightBytes() {
        return Math.max(0, inFlight.get());
    }

    long capacityBytes() {
        return capacity;
    }

    /** Whether less than a tenth is left. */
    boolean nearlyFull() {
        return inFlight.get() > capacity * 9 / 10;
    }

    /** How long the log has had writes in flight without completing any (0 when idle or moving). */
    long stalledNanos() {
        if (inFlight.get() <= 0) {
            return 0;
        }
        long since = Math.max(busySince.get(), lastCompletion.get());
        return Math.max(0, nanoClock.getAsLong() - since);
    }
}
