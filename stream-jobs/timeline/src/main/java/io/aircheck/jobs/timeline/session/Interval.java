package io.aircheck.jobs.timeline.session;

/** A stretch of the room clock (µs); {@code endUs} is -1 while it lasts. A Flink POJO. */
public final class Interval {
    public long startUs;
    public long endUs = -1;

    public Interval() {}

    public Interval(long startUs, long endUs) {
        this.startUs = startUs;
        this.endUs = endUs;
    }

    public boolean open() {
        return endUs < 0;
    }
}
