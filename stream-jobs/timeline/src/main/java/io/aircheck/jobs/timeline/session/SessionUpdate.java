package io.aircheck.jobs.timeline.session;

/** The outcome of applying one event: the session changed, nothing changed, or a rejection. */
public record SessionUpdate(Outcome outcome, String reason) {
    public enum Outcome {
        CHANGED,
        UNCHANGED,
        REJECTED
    }

    public static final SessionUpdate CHANGED = new SessionUpdate(Outcome.CHANGED, null);
    public static final SessionUpdate UNCHANGED = new SessionUpdate(Outcome.UNCHANGED, null);

    public static SessionUpdate rejected(String reason) {
        return new SessionUpdate(Outcome.REJECTED, reason);
    }
}
