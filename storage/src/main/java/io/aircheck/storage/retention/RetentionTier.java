package io.aircheck.storage.retention;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A retention tier: the objects its patterns match (in a bucket; null = the archive bucket) are
 * kept for {@code keepFor} after they were last written (null = forever), then deleted unless a
 * legal hold covers them. A WORM tier is also locked on servers with S3 Object Lock (compliance
 * mode, until the end of its retention), so not even an administrator can delete it early.
 */
public record RetentionTier(
        String name, String bucket, Duration keepFor, List<KeyPattern> patterns, boolean worm) {

    public RetentionTier {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException(
                    "tier name must be 1-41 of a-z 0-9 -: '" + name + "'");
        }
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("tier '" + name + "' matches no keys");
        }
        if (keepFor != null && (keepFor.isNegative() || keepFor.isZero())) {
            throw new IllegalArgumentException(
                    "tier '" + name + "' must keep objects for a positive time");
        }
    }

    public boolean matches(String key) {
        return patterns.stream().anyMatch(p -> p.matches(key));
    }

    public Optional<Duration> retention() {
        return Optional.ofNullable(keepFor);
    }

    /** "90d", "7y" or "forever", for people. */
    public String describeRetention() {
        if (keepFor == null) {
            return "forever";
        }
        long days = keepFor.toDays();
        if (days > 0 && keepFor.equals(Duration.ofDays(days))) {
            return days % 365 == 0 ? days / 365 + "y" : days + "d";
        }
        return keepFor.toString();
    }
}
