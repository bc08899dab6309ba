package io.aircheck.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Bounded retries with exponential backoff and jitter, for the adapters' transient failures.
 *
 * <p>The delay before retry {@code n} (1-based) is {@code base = min(maxDelay, initialDelay *
 * 2^(n-1))}, jittered to a value in {@code [base/2, base)} ("equal jitter"), so that callers that
 * failed together do not retry together, yet every retry waits at least half its base.
 */
public final class RetryPolicy {
    /** Waits between attempts; a test passes one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One attempt of the call being retried. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E;
    }

    private static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final DoubleSupplier random;
    private final Sleeper sleeper;

    public RetryPolicy(
            int maxAttempts,
            Duration initialDelay,
            Duration maxDelay,
            DoubleSupplier random,
            Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "need 0 <= initialDelay <= maxDelay: " + initialDelay + ", " + maxDelay);
        }
        this.maxAttempts = maxAttempts;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.random = Objects.requireNonNull(random, "random");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** {@code maxAttempts} attempts, waiting from {@code initialDelay} up to 5 s between them. */
    public static RetryPolicy of(int maxAttempts, Duration initialDelay) {
        Duration cap = Duration.ofSeconds(5);
        return new RetryPolicy(
                maxAttempts,
                initialDelay,
                initialDelay.compareTo(cap) > 0 ? initialDelay : cap,
                () -> ThreadLocalRandom.current().nextDouble(),
                THREAD_SLEEP);
    }

    /** The adapters' default: 5 attempts, starting at 100 ms (at most ~1.5 s of waiting). */
    public static RetryPolicy defaults() {
        return of(5, Duration.ofMillis(100));
    }

    /** A single attempt, no retry. */
    public static RetryPolicy none() {
        return of(1, Duration.ZERO);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before retry {@code retry} (1 = the wait after the first failed attempt). */
    public Duration delayBefore(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1: " + retry);
        }
        long initial = initialDelay.toNanos();
        long cap = maxDelay.toNanos();
        long base = cap;
        if (retry - 1 < 62 && initial <= (cap >> (retry - 1))) {
            base = Math.min(cap, initial << (retry - 1));
        }
        double jitter = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        long half = base / 2;
        return Duration.ofNanos(half + (long) (jitter * (base - half)));
    }

    /**
     * Runs {@code attempt} until it returns, throws an exception that {@code retriable} rejects, or
     * all attempts are used; then the last exception is thrown. An interrupt during a wait stops
     * retrying: the interrupt flag is set again and the last exception is thrown.
     */
    public <T, E extends Exception> T run(
            Attempt<T, E> attempt, Predicate<? super Exception> retriable) throws E {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (Exception failure) {
                if (n >= maxAttempts || !retriable.test(failure)) {
                    throw RetryPolicy.<E>rethrow(failure);
                }
                try {
                    sleeper.sleep(delayBefore(n));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    failure.addSuppressed(interrupted);
                    throw RetryPolicy.<E>rethrow(failure);
                }
            }
        }
    }

    /** {@code failure} is either unchecked or the attempt's declared E. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception failure) {
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        return (E) failure;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts="
                + maxAttempts
                + ", initialDelay="
                + initialDelay
                + ", maxDelay="
                + maxDelay
                + "]";
    }
}
