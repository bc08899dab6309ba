package io.aircheck.jobs.timeline.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One room session as the timeline knows it, built by applying the session's events in room-clock
 * order: title, host, visibility, each participant's story (presence, roles, hands, mutes, consent,
 * removal), pinned links, who spoke when, peak attendance. Mutable, owned by one keyed operator (a
 * Flink POJO); {@link #version} counts changes so a newer projection always wins in the index.
 */
public final class RoomSession {
    public String roomId;
    public String sessionId;
    public String title = "";
    public String hostId = "";
    public String visibility = "PUBLIC";
    public long startedAtUs;
    public long endedAtUs = -1;
    public String closeReason = "";
    public long lastEventAtUs;
    public long version;
    public int peakParticipants;
    public int eventCount;
    public Map<String, Participant> participants = new LinkedHashMap<>();

    /** Ids in the order they first went on stage. */
    public List<String> stage = new ArrayList<>();

    public List<PinnedLink> links = new ArrayList<>();
    public List<SpeakingInterval> speaking = new ArrayList<>();
    public Set<String> eventIds = new HashSet<>();

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

    public int presentCount() {
        return (int) participants.values().stream().filter(Participant::present).count();
    }

    public String displayName(String participantId) {
        Participant p = participants.get(participantId);
        return p == null ? participantId : p.displayName;
    }
}
