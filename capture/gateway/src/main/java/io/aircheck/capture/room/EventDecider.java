package io.aircheck.capture.room;

import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomEvent.KindCase;
import java.util.Map;
import java.util.Set;

/** Decides on incoming events against the rooms' state, without changing it. */
final class EventDecider {
    private final Map<String, RoomState> rooms;
    private final RtpPorts rtpPorts;
    private final RtpBindingIndex rtpIndex;

    EventDecider(Map<String, RoomState> rooms, RtpPorts rtpPorts, RtpBindingIndex rtpIndex) {
        this.rooms = rooms;
        this.rtpPorts = rtpPorts;
        this.rtpIndex = rtpIndex;
    }

    EventDecision decide(RoomEvent event, String source, long nowUs) {
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
        if (complete.hasTrackPublished() && complete.getTrackPublished().hasRtp()) {
            var resolution = RtpBindingRules.resolve(complete, rtpPorts, rtpIndex);
            if (resolution.rejection() != null) {
                return new EventDecision.Rejected(resolution.rejection());
            }
            complete = resolution.event();
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
                        stamped.getTimestampUs(), room == null ? Set.of() : room.sessionIds());
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
}
