package io.aircheck.capture.room;

import io.aircheck.protocol.v1.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One room as the gateway knows it: whether it is open, its current session, who is in it with
 * which role, which tracks are published, and the event ids it accepted. Mutated only under the
 * room's lock (the caller's), read by the health endpoint through volatile fields.
 */
final class RoomState {
    /** Event ids remembered per room to recognise repeats (oldest forgotten first). */
    static final int REMEMBERED_EVENT_IDS = 10_000;

    final String roomId;
    private volatile boolean open;
    private volatile String sessionId = "";
    private long sessionStartUs;
    private volatile boolean gatewayClocked;
    private long lastActiveAtUs;
    private long roomClockUs;
    private final Set<String> sessionIds = new HashSet<>();
    private final Map<String, Role> participants = new HashMap<>();
    private final Map<String, PublishedTrack> tracks = new LinkedHashMap<>();
    private final Map<String, AcceptedEvent> acceptedEvents =
            new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AcceptedEvent> eldest) {
                    return size() > REMEMBERED_EVENT_IDS;
                }
            };

    RoomState(String roomId) {
        this.roomId = roomId;
    }

    boolean isOpen() {
        return open;
    }

    String sessionId() {
        return sessionId;
    }

    long sessionStartUs() {
        return sessionStartUs;
    }

    Set<String> sessionIds() {
        return sessionIds;
    }

    AcceptedEvent acceptedEvent(String eventId) {
        return acceptedEvents.get(eventId);
    }

    void remember(AcceptedEvent event) {
        acceptedEvents.put(event.eventId(), event);
    }

    Role role(String participantId) {
        return participants.get(participantId);
    }

    boolean isPresent(String participantId) {
        return participants.containsKey(participantId);
    }

    PublishedTrack track(String participantId, String trackId) {
        return tracks.get(PublishedTrack.key(participantId, trackId));
    }

    /** Tracks in publication order. */
    List<PublishedTrack> tracks() {
        return List.copyOf(tracks.values());
    }

    List<PublishedTrack> tracksOf(String participantId) {
        List<PublishedTrack> result = new ArrayList<>();
        for (PublishedTrack track : tracks.values()) {
            if (track.participantId.equals(participantId)) {
                result.add(track);
            }
        }
        return result;
    }

    /** Whether some track's frames are stamped by the gateway (RTP, raw PCM): CLOCK marks due. */
    boolean isGatewayClocked() {
        return gatewayClocked;
    }

    void markGatewayClocked() {
        gatewayClocked = true;
    }

    /**
     * An event or frame of the session was accepted at {@code nowUs} (the gateway's clock),
     * reaching {@code roomClockUs} on the room's clock.
     */
    void active(long nowUs, long roomClockUs) {
        lastActiveAtUs = Math.max(lastActiveAtUs, nowUs);
        advanceClock(roomClockUs);
    }

    /** The room's clock reached {@code us} (a CLOCK mark): not activity. */
    void advanceClock(long us) {
        roomClockUs = Math.max(roomClockUs, us);
    }

    /** When (gateway clock) the session last had an accepted event or frame. */
    long lastActiveAtUs() {
        return lastActiveAtUs;
    }

    /** The furthest room-clock time the session's records reached. */
    long roomClockUs() {
        return roomClockUs;
    }

    void open(String sessionId, long startUs) {
        this.sessionId = sessionId;
        this.sessionStartUs = startUs;
        this.roomClockUs = startUs;
        this.lastActiveAtUs = Long.MIN_VALUE;
        this.sessionIds.add(sessionId);
        participants.clear();
        tracks.clear();
        gatewayClocked = false;
        this.open = true;
    }

    /** Closes the room; returns the tracks that ended. */
    List<PublishedTrack> close() {
        List<PublishedTrack> ended = tracks();
        participants.clear();
        tracks.clear();
        gatewayClocked = false;
        open = false;
        return ended;
    }

    void join(String participantId, Role role) {
        participants.put(participantId, role);
    }

    /** Returns the tracks that ended. */
    List<PublishedTrack> leave(String participantId) {
        participants.remove(participantId);
        return endTracksOf(participantId);
    }

    /** Returns the tracks that ended (a speaker demoted to listener). */
    List<PublishedTrack> changeRole(String participantId, Role role) {
        participants.put(participantId, role);
        return role == Role.LISTENER ? endTracksOf(participantId) : List.of();
    }

    void publish(PublishedTrack track) {
        tracks.put(PublishedTrack.key(track.participantId, track.trackId), track);
        if (track.rtp != null) {
            gatewayClocked = true;
        }
    }

    /** Returns the track that ended, or null. */
    PublishedTrack unpublish(String participantId, String trackId) {
        return tracks.remove(PublishedTrack.key(participantId, trackId));
    }

    private List<PublishedTrack> endTracksOf(String participantId) {
        List<PublishedTrack> ended = tracksOf(participantId);
        tracks.values().removeIf(t -> t.participantId.equals(participantId));
        return ended;
    }
}
