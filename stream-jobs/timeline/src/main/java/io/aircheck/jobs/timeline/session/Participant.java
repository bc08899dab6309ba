package io.aircheck.jobs.timeline.session;

import java.util.ArrayList;
import java.util.List;

/** Everything that happened to one participant in a session. A Flink POJO. */
public final class Participant {
    public String participantId;
    public String displayName;
    public String role = "LISTENER";
    public List<Interval> presence = new ArrayList<>();
    public List<Change> roles = new ArrayList<>();
    public List<Interval> hands = new ArrayList<>();
    public List<Interval> mutes = new ArrayList<>();
    public List<Change> consent = new ArrayList<>();
    public long removedAtUs = -1;
    public String removedBy = "";
    public String removedReason = "";

    public Participant() {}

    public Participant(String participantId, String displayName) {
        this.participantId = participantId;
        this.displayName = displayName;
    }

    public boolean present() {
        return !presence.isEmpty() && presence.get(presence.size() - 1).open();
    }

    public boolean onStage() {
        return role.equals("SPEAKER") || role.equals("MODERATOR");
    }

    /** Whether the participant currently consents to being recorded (default: yes). */
    public boolean consents() {
        return consent.isEmpty() || Boolean.parseBoolean(consent.get(consent.size() - 1).value);
    }

    static void closeLast(List<Interval> intervals, long atUs) {
        if (!intervals.isEmpty() && intervals.get(intervals.size() - 1).open()) {
            intervals.get(intervals.size() - 1).endUs = atUs;
        }
    }

    static boolean lastOpen(List<Interval> intervals) {
        return !intervals.isEmpty() && intervals.get(intervals.size() - 1).open();
    }
}
