package io.aircheck.storage.retention;

import io.aircheck.storage.ObjectInfo;
import java.time.Instant;
import java.util.List;

/** What a retention run decided for every object, and why. Pure. */
public record RetentionPlan(String bucket, Instant now, List<Decision> decisions) {

    public enum Verdict {
        /** Past its tier's retention and on no hold. */
        DELETE,
        /** Past its retention, but a legal hold covers it. */
        KEEP_HELD,
        /** Within its tier's retention. */
        KEEP_UNEXPIRED,
        /** Its tier keeps objects forever. */
        KEEP_FOREVER,
        /** No tier matches it. */
        KEEP_NO_TIER
    }

    /**
     * @param tier the tier's name, null when none matched
     * @param expiresAt when its retention ends, null when never
     */
    public record Decision(
            ObjectInfo object,
            Verdict verdict,
            String tier,
            Instant expiresAt,
            List<String> holds) {
        public Decision {
            holds = List.copyOf(holds);
        }
    }

    public RetentionPlan {
        decisions = List.copyOf(decisions);
    }

    public List<Decision> toDelete() {
        return decisions.stream().filter(d -> d.verdict() == Verdict.DELETE).toList();
    }

    public long count(Verdict verdict) {
        return decisions.stream().filter(d -> d.verdict() == verdict).count();
    }
}
