package io.aircheck.jobs.timeline.session;

/** A stretch of speech by one participant, on the room clock. A Flink POJO. */
public final class SpeakingInterval {
    public String participantId;
    public long startUs;
    public long endUs;

    public SpeakingInterval() {}

    public SpeakingInterval(String participantId, long startUs, long endUs) {
        this.participantId = participantId;
        this.startUs = startUs;
        this.endUs = endUs;
    }
}
