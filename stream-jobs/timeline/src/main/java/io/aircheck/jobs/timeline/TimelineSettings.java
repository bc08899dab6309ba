package io.aircheck.jobs.timeline;

import java.io.Serializable;

/**
 * How long a closed session stays open to late events (then it is finalized and its state let go),
 * and how often a live session's derived files are rewritten when they changed.
 */
public record TimelineSettings(long lateGraceMs, long liveFlushMs) implements Serializable {
    public static final TimelineSettings DEFAULTS = new TimelineSettings(600_000, 10_000);

    public TimelineSettings {
        if (lateGraceMs < 0 || liveFlushMs < 100) {
            throw new IllegalArgumentException("lateGraceMs >= 0 and liveFlushMs >= 100 required");
        }
    }
}
