package io.aircheck.jobs.timeline.session;

/** A value that took effect at a room-clock time (a role, a consent). A Flink POJO. */
public final class Change {
    public long atUs;
    public String value;

    public Change() {}

    public Change(long atUs, String value) {
        this.atUs = atUs;
        this.value = value;
    }
}
