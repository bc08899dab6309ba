package io.aircheck.capture.gateway;

/** A token bucket: {@code perSecond} tokens a second, at most {@code burst} saved. Thread-safe. */
final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    TokenBucket(double perSecond, double burst, long nowNanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("perSecond must be > 0 and burst >= 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    synchronized boolean tryTake(long nowNanos) {
        if (nowNanos > lastNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
            lastNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
