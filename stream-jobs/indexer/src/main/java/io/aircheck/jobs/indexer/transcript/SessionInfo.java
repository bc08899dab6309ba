package io.aircheck.jobs.indexer.transcript;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the indexer knows of one room session from {@code room.events}: title, visibility, when it
 * started and whether it closed, each participant's display name and recording consent. Mutable,
 * owned by one keyed operator (Flink state).
 */
public final class SessionInfo {
    /** Until the room's opening is seen, its segments are visible to auditors only. */
    public static final String UNKNOWN_VISIBILITY = "PRIVATE";

    public String roomId;
    public String sessionId;
    public String title = "";
    public String visibility = UNKNOWN_VISIBILITY;
    public boolean opened;
    public long startedAtUs;
    public boolean closed;
    public long closedAtUs;

    /** participant id -> display name. */
    public Map<String, String> names = new LinkedHashMap<>();

    /** participant id -> consent; absent = consented (speaking in a recorded room). */
    public Map<String, Boolean> consent = new LinkedHashMap<>();

    public SessionInfo() {}

    public static SessionInfo unknown(String roomId, String sessionId) {
        SessionInfo info = new SessionInfo();
        info.roomId = roomId;
        info.sessionId = sessionId;
        return info;
    }

    public String speakerName(String participantId) {
        String name = names.get(participantId);
        return name == null || name.isBlank() ? participantId : name;
    }

    public boolean consented(String participantId) {
        return consent.getOrDefault(participantId, Boolean.TRUE);
    }
}
