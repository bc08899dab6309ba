package io.aircheck.capture.room;

import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomEvent.KindCase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every room's state machine. {@code decide*} methods validate an incoming record against the
 * room's state without changing it; {@code apply*} methods change the state once the record is
 * durably written (or when it is replayed from the log on start-up).
 *
 * <p>Not synchronized per room: callers hold the room's lock around decide, write and apply, which
 * also fixes the order in which a room's records reach the log.
 */
public final class RoomRegistry {
    private final Map<String, RoomState> rooms = new ConcurrentHashMap<>();
    private final int maxFramePayloadBytes;

    public RoomRegistry(int maxFramePayloadBytes) {
        if (maxFramePayloadBytes <= 0) {
            throw new IllegalArgumentException("maxFramePayloadBytes must be > 0");
        }
        this.maxFramePayloadBytes = maxFramePayloadBytes;
    }

    /**
     * Decides on an event from {@code source}; {@code nowUs} (the gateway's clock) stamps events
     * that come without a timestamp.
     */
    public EventDecision decide(RoomEvent event, String source, long nowUs) {
        String roomId = event.getRoomId();
        Rejection bad = EventRules.validId("room_id", roomId);
        if (bad == null) {
            bad = EventRules.validId("event_id", event.getEventId());
        }
        if (bad == null && event.getKindCase() == KindCase.KIND_NOT_SET) {
            bad = Rejection.malformed("event has no kind (unknown event type?)");
        }
        if (bad == null && event.getTimestampUs() < 0) {
            bad = Rejection.invalid("timestamp_us must not be negative");
        }
        if (bad != null) {
            return new EventDecision.Rejected(bad);
        }
        RoomState room = rooms.get(roomId);
        if (room != null && room.acceptedEvent(event.getEventId()) != null) {
            return new EventDecision.Duplicate(room.acceptedEvent(event.getEventId()));
        }
        long timestampUs = event.getTimestampUs() == 0 ? nowUs : event.getTimestampUs();
        RoomEvent.Builder stamped = event.toBuilder().setTimestampUs(timestampUs).setSource(source);
        if (event.getKindCase() == KindCase.ROOM_OPENED) {
            return decideOpen(room, stamped);
        }
        if (room == null) {
            return new EventDecision.Rejected(Rejection.unknownRoom(roomId));
        }
        if (!room.isOpen()) {
            return new EventDecision.Rejected(Rejection.closedRoom(roomId));
        }
        Rejection wrongSession = sessionMismatch(room, "event", event.getSessionId());
        if (wrongSession != null) {
            return new EventDecision.Rejected(wrongSession);
        }
        if (timestampUs < room.sessionStartUs()) {
            return new EventDecision.Rejected(
                    Rejection.invalid(
                            "timestamp_us "
                                    + timestampUs
                                    + " is before the start of session "
                                    + room.sessionId()
                                    + " ("
                                    + room.sessionStartUs()
                                    + ")"));
        }
        RoomEvent complete = stamped.setSessionId(room.sessionId()).build();
        Rejection broken = EventRules.check(room, complete);
        if (broken != null) {
            return new EventDecision.Rejected(broken);
        }
        return new EventDecision.Accepted(complete, StreamMarks.forEvent(room, complete));
    }

    private EventDecision decideOpen(RoomState room, RoomEvent.Builder stamped) {
        String roomId = stamped.getRoomId();
        if (room != null && room.isOpen()) {
            return new EventDecision.Rejected(
                    Rejection.conflict(
                            "room '"
                                    + roomId
                                    + "' is already open (session "
                                    + room.sessionId()
                                    + ")"));
        }
        String hostId = stamped.getRoomOpened().getHostId();
        if (!hostId.isEmpty()) {
            Rejection badHost = EventRules.validId("host_id", hostId);
            if (badHost != null) {
                return new EventDecision.Rejected(badHost);
            }
        }
        String sessionId =
                SessionIds.forStart(
                        stamped.getTimestampUs(),
                        room == null ? java.util.Set.of() : room.sessionIds());
        String requested = stamped.getSessionId();
        if (!requested.isEmpty() && !requested.equals(sessionId)) {
            return new EventDecision.Rejected(
                    Rejection.invalid(
                            "session_id is assigned by the gateway; leave it empty (it would be '"
                                    + sessionId
                                    + "', not '"
                                    + requested
                                    + "')"));
        }
        RoomEvent complete = stamped.setSessionId(sessionId).build();
        return new EventDecision.Accepted(complete, StreamMarks.forEvent(null, complete));
    }

    /** Applies an accepted event (or one replayed from {@code room.events}) to the room's state. */
    public void apply(RoomEvent event) {
        RoomState room = rooms.get(event.getRoomId());
        if (event.getKindCase() == KindCase.ROOM_OPENED) {
            room = rooms.computeIfAbsent(event.getRoomId(), RoomState::new);
            room.open(event.getSessionId(), event.getTimestampUs());
        } else if (room == null || !room.isOpen()) {
            return;
        } else {
            applyToOpenRoom(room, event);
        }
        room.remember(
                new AcceptedEvent(
                        event.getEventId(),
                        event.getRoomId(),
                        event.getSessionId(),
                        event.getTimestampUs()));
    }

    private static void applyToOpenRoom(RoomState room, RoomEvent event) {
        switch (event.getKindCase()) {
            case ROOM_CLOSED -> room.close();
            case PARTICIPANT_JOINED -> {
                var joined = event.getParticipantJoined();
                room.join(
                        joined.getParticipantId(),
                        joined.getRole() == io.aircheck.protocol.v1.Role.ROLE_UNSPECIFIED
                                ? io.aircheck.protocol.v1.Role.LISTENER
                                : joined.getRole());
            }
            case PARTICIPANT_LEFT -> room.leave(event.getParticipantLeft().getParticipantId());
            case PARTICIPANT_REMOVED ->
                    room.leave(event.getParticipantRemoved().getParticipantId());
            case ROLE_CHANGED ->
                    room.changeRole(
                            event.getRoleChanged().getParticipantId(),
                            event.getRoleChanged().getRole());
            case TRACK_PUBLISHED -> {
                var published = event.getTrackPublished();
                room.publish(
                        new PublishedTrack(
                                published.getParticipantId(),
                                published.getTrackId(),
                                published.getCodec(),
                                published.getSampleRate(),
                                published.getChannels()));
            }
            case TRACK_UNPUBLISHED ->
                    room.unpublish(
                            event.getTrackUnpublished().getParticipantId(),
                            event.getTrackUnpublished().getTrackId());
            default -> {}
        }
    }

    /** Decides on a media frame from a client. */
    public FrameDecision decideFrame(AudioFrame frame) {
        return FrameRules.decide(rooms.get(frame.getRoomId()), frame, maxFramePayloadBytes);
    }

    /** Records an accepted frame's sequence, so that a repeat of it is refused. */
    public void applyFrame(AudioFrame frame) {
        PublishedTrack track = trackOf(frame);
        if (track != null) {
            track.sequences.add(frame.getSequence());
        }
    }

    /** Forgets an accepted frame whose write failed, so that the client may send it again. */
    public void forgetFrame(AudioFrame frame) {
        PublishedTrack track = trackOf(frame);
        if (track != null) {
            track.sequences.remove(frame.getSequence());
        }
    }

    private PublishedTrack trackOf(AudioFrame frame) {
        RoomState room = rooms.get(frame.getRoomId());
        return room == null ? null : room.track(frame.getParticipantId(), frame.getTrackId());
    }

    static Rejection sessionMismatch(RoomState room, String what, String sessionId) {
        if (sessionId.isEmpty() || sessionId.equals(room.sessionId())) {
            return null;
        }
        return Rejection.conflict(
                what
                        + " is for session '"
                        + sessionId
                        + "' but room '"
                        + room.roomId
                        + "' is in session '"
                        + room.sessionId()
                        + "'");
    }

    /** The open session of {@code roomId}, if the room is open. */
    public Optional<String> openSession(String roomId) {
        RoomState room = rooms.get(roomId);
        return room != null && room.isOpen() ? Optional.of(room.sessionId()) : Optional.empty();
    }

    public List<String> openRoomIds() {
        return rooms.values().stream()
                .filter(RoomState::isOpen)
                .map(r -> r.roomId)
                .sorted()
                .toList();
    }

    public int openRoomCount() {
        return (int) rooms.values().stream().filter(RoomState::isOpen).count();
    }
}
