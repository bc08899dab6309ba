package io.aircheck.storage.retention;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator's retention tiers, in order: an object belongs to the first tier that matches it; an
 * object no tier matches is kept. Written as text in the configuration:
 *
 * <pre>
 * public-replay=90d:rooms/&#42;/&#42;/mix/*.m4s,rooms/&#42;/&#42;/mix/*.m3u8;compliance=7y!:rooms/**
 * </pre>
 *
 * tiers separated by {@code ;}, each {@code name=retention[!]:pattern,pattern}; retention in days
 * ({@code 30d}), weeks ({@code 6w}), years of 365 days ({@code 7y}), ISO-8601 ({@code P30D}) or
 * {@code forever}; {@code !} marks a WORM tier; a pattern may name another bucket as {@code
 * s3://bucket/pattern}. Pure.
 */
public record RetentionPolicy(List<RetentionTier> tiers) {

    public RetentionPolicy {
        tiers = List.copyOf(tiers);
        if (tiers.stream().map(RetentionTier::name).distinct().count() != tiers.size()) {
            throw new IllegalArgumentException("two retention tiers have the same name");
        }
    }

    /** The tier an object of {@code bucket} belongs to ({@code archiveBucket} = the default). */
    public Optional<RetentionTier> tierOf(String bucket, String archiveBucket, String key) {
        return tiers.stream()
                .filter(t -> (t.bucket() == null ? archiveBucket : t.bucket()).equals(bucket))
                .filter(t -> t.matches(key))
                .findFirst();
    }

    /** Every bucket a tier applies to. */
    public List<String> buckets(String archiveBucket) {
        return tiers.stream()
                .map(t -> t.bucket() == null ? archiveBucket : t.bucket())
                .distinct()
                .toList();
    }

    /**
     * @throws IllegalArgumentException saying which tier is wrong and how
     */
    public static RetentionPolicy parse(String text) {
        List<RetentionTier> tiers = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new RetentionPolicy(tiers);
        }
        for (String spec : text.split(";")) {
            String s = spec.trim();
            if (s.isEmpty()) {
                continue;
            }
            int eq = s.indexOf('=');
            int colon = s.indexOf(':', eq + 1);
            if (eq <= 0 || colon < 0) {
                throw new IllegalArgumentException(
                        "tier '" + s + "' is not name=retention:pattern,...");
            }
            String name = s.substring(0, eq).trim();
            String retention = s.substring(eq + 1, colon).trim();
            boolean worm = retention.endsWith("!");
            if (worm) {
                retention = retention.substring(0, retention.length() - 1);
            }
            Duration keep;
            try {
                keep = parseRetention(retention);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tier '" + name + "': " + e.getMessage());
            }
            String bucket = null;
            List<KeyPattern> patterns = new ArrayList<>();
            for (String p : s.substring(colon + 1).split(",")) {
                String pattern = p.trim();
                if (pattern.startsWith("s3://")) {
                    int slash = pattern.indexOf('/', 5);
                    String b = slash < 0 ? pattern.substring(5) : pattern.substring(5, slash);
                    if (bucket != null && !bucket.equals(b)) {
                        throw new IllegalArgumentException("tier '" + name + "' names two buckets");
                    }
                    bucket = b;
                    pattern = slash < 0 ? "**" : pattern.substring(slash + 1);
                }
                patterns.add(new KeyPattern(pattern));
            }
            tiers.add(new RetentionTier(name, bucket, keep, patterns, worm));
        }
        return new RetentionPolicy(tiers);
    }

    /** {@code 30d}, {@code 6w}, {@code 7y} (365-day years), ISO-8601, or {@code forever} (null). */
    static Duration parseRetention(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.equals("forever")) {
            return null;
        }
        try {
            if (v.startsWith("p")) {
                return Duration.parse(text.trim());
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'w' -> Duration.ofDays(7 * n);
                case 'y' -> Duration.ofDays(365 * n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("unknown unit");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "retention '" + text + "' is not like 30d, 6w, 7y, P30D or forever");
        }
    }
}
