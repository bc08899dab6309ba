package io.aircheck.jobs.timeline.session;

import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;

/**
 * Applies a room's events, in log order, to its current {@link RoomSession}. Capture validated the
 * events against the room's state machine before logging them; this projection still refuses what
 * it cannot place (an event for a session it never saw open), and treats a repeated event id as
 * already applied.
 */
public final class SessionProjection {
    private SessionProjection() {}

    /** The session after the event, and what happened. */
    public record Applied(RoomSession session, SessionUpdate update) {}

    public static Applied apply(RoomSession current, RoomEvent event) {
        if (event.getKindCase() == RoomEvent.KindCase.ROOM_OPENED) {
            return open(current, event);
        }
        if (current == null || !current.sessionId.equals(event.getSessionId())) {
            return new Applied(
                    current,
                    SessionUpdate.rejected(
                            "event "
                                    + event.getKindCase()
                                    + " for session '"
                                    + event.getSessionId()
                                    + "' of room '"
                                    + event.getRoomId()
                                    + "', which the timeline has not seen open"));
        }
        if (!event.getEventId().isEmpty() && !current.eventIds.add(event.getEventId())) {
            return new Applied(current, SessionUpdate.UNCHANGED);
        }
        if (!current.live()) {
            return new Applied(
                    current,
                    SessionUpdate.rejected(
                            "event "
                                    + event.getKindCase()
                                    + " after session '"
                                    + current.sessionId
                                    + "' closed"));
        }
        current.lastEventAtUs = Math.max(current.lastEventAtUs, event.getTimestampUs());
        current.version++;
        switch (event.getKindCase()) {
            case ROOM_CLOSED ->
                    current.endedAtUs = Math.max(event.getTimestampUs(), current.startedAtUs);
            case PARTICIPANT_JOINED -> {
                var joined = event.getParticipantJoined();
                String name = displayName(joined.getParticipantId(), joined.getDisplayName());
                current.present.put(joined.getParticipantId(), name);
                current.peakParticipants =
                        Math.max(current.peakParticipants, current.present.size());
                if (onStage(joined.getRole())) {
                    current.speakers.putIfAbsent(joined.getParticipantId(), name);
                }
            }
            case PARTICIPANT_LEFT ->
                    current.present.remove(event.getParticipantLeft().getParticipantId());
            case PARTICIPANT_REMOVED ->
                    current.present.remove(event.getParticipantRemoved().getParticipantId());
            case ROLE_CHANGED -> {
                var changed = event.getRoleChanged();
                if (onStage(changed.getRole())) {
                    String id = changed.getParticipantId();
                    current.speakers.putIfAbsent(id, current.present.getOrDefault(id, id));
                }
            }
            case TRACK_PUBLISHED -> {
                String id = event.getTrackPublished().getParticipantId();
                current.speakers.putIfAbsent(id, current.present.getOrDefault(id, id));
            }
            default -> {
                // hands, mutes, consent, links: part of the timeline, not of the catalog entry
            }
        }
        return new Applied(current, SessionUpdate.CHANGED);
    }

    private static Applied open(RoomSession current, RoomEvent event) {
        if (current != null && current.sessionId.equals(event.getSessionId())) {
            return new Applied(current, SessionUpdate.UNCHANGED);
        }
        var opened = event.getRoomOpened();
        RoomSession session =
                RoomSession.open(
                        event.getRoomId(),
                        event.getSessionId(),
                        event.getTimestampUs(),
                        opened.getTitle(),
                        opened.getHostId(),
                        opened.getVisibilityValue() == 0
                                ? "PUBLIC"
                                : opened.getVisibility().name());
        session.version = 1;
        if (!event.getEventId().isEmpty()) {
            session.eventIds.add(event.getEventId());
        }
        return new Applied(session, SessionUpdate.CHANGED);
    }

    private static boolean onStage(Role role) {
        return role == Role.SPEAKER || role == Role.MODERATOR;
    }

    private static String displayName(String id, String name) {
        return name == null || name.isBlank() ? id : name;
    }
}
