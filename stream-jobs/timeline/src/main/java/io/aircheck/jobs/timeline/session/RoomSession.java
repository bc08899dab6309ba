package io.aircheck.jobs.timeline.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog's view of one room session, built by applying the session's events in log order:
 * title, host, visibility, who was on stage, when it started and ended, how many were there at the
 * peak. Mutable, owned by one keyed operator; {@link #version()} counts applied events so a newer
 * projection always wins in the index.
 */
public final class RoomSession {
    public String roomId;
    public String sessionId;
    public String title = "";
    public String hostId = "";
    public String visibility = "PUBLIC";
    public long startedAtUs;
    public long endedAtUs = -1;
    public long lastEventAtUs;
    public long version;
    public int peakParticipants;

    /** participant id -> display name, for everyone present now. */
    public Map<String, String> present = new LinkedHashMap<>();

    /** participant id -> display name, in the order they first went on stage. */
    public Map<String, String> speakers = new LinkedHashMap<>();

    public Set<String> eventIds = new LinkedHashSet<>();

    public RoomSession() {}

    public static RoomSession open(
            String roomId,
            String sessionId,
            long atUs,
            String title,
            String hostId,
            String visibility) {
        RoomSession session = new RoomSession();
        session.roomId = roomId;
        session.sessionId = sessionId;
        session.startedAtUs = atUs;
        session.lastEventAtUs = atUs;
        session.title = title;
        session.hostId = hostId;
        session.visibility = visibility;
        return session;
    }

    public boolean live() {
        return endedAtUs < 0;
    }

    public long durationMs() {
        long end = live() ? lastEventAtUs : endedAtUs;
        return Math.max(0, end - startedAtUs) / 1000;
    }

    public List<String> speakerIds() {
        return new ArrayList<>(speakers.keySet());
    }
}
