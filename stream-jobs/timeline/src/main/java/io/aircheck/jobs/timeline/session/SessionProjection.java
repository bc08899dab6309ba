package io.aircheck.jobs.timeline.session;

import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies a room's events to its {@link RoomSession} in room-clock order, checking each against the
 * room's state at its time (no leaving who is not there, no events after the close, ...). An event
 * that arrives out of order is placed by {@link #refold}, which applies the whole session again in
 * order. Repeated event ids are applied once.
 */
public final class SessionProjection {
    /** Transcript segments closer than this are one speaking interval. */
    static final long SPEECH_GAP_US = 1_500_000;

    private SessionProjection() {}

    /** The session after the event, and what happened. */
    public record Applied(RoomSession session, SessionUpdate update) {}

    /** A whole session applied again in order: the result and the events it could not place. */
    public record Refolded(RoomSession session, List<Rejection> rejections) {}

    /** An event the projection refused, and why. */
    public record Rejection(RoomEvent event, String reason) {}

    /** Orders events on the room clock; ties keep their order in the log. */
    public static final Comparator<RoomEvent> ROOM_CLOCK =
            Comparator.comparingLong(RoomEvent::getTimestampUs);

    /** Applies one event that is not earlier than anything applied so far (or opens a session). */
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
        if (!event.getEventId().isEmpty() && current.eventIds.contains(event.getEventId())) {
            return new Applied(current, SessionUpdate.UNCHANGED);
        }
        if (!current.live() && event.getTimestampUs() >= current.endedAtUs) {
            return new Applied(
                    current,
                    SessionUpdate.rejected(
                            "event "
                                    + event.getKindCase()
                                    + " after session '"
                                    + current.sessionId
                                    + "' closed"));
        }
        if (event.getTimestampUs() < current.startedAtUs) {
            return new Applied(
                    current,
                    SessionUpdate.rejected(
                            "event "
                                    + event.getKindCase()
                                    + " at "
                                    + event.getTimestampUs()
                                    + " µs is before session '"
                                    + current.sessionId
                                    + "' opened"));
        }
        String problem = EventRules.apply(current, event);
        if (problem != null) {
            return new Applied(current, SessionUpdate.rejected(problem));
        }
        if (!event.getEventId().isEmpty()) {
            current.eventIds.add(event.getEventId());
        }
        current.eventCount++;
        current.version++;
        current.lastEventAtUs = Math.max(current.lastEventAtUs, event.getTimestampUs());
        return new Applied(current, SessionUpdate.CHANGED);
    }

    /**
     * Applies a session's events again, sorted on the room clock (after an event arrived out of
     * order), keeping its speech and counting on from {@code version} so the index takes it.
     */
    public static Refolded refold(
            List<RoomEvent> events, List<SpeakingInterval> speaking, long version) {
        List<RoomEvent> sorted = new ArrayList<>(events);
        sorted.sort(
                Comparator.comparing(
                                (RoomEvent e) -> e.getKindCase() != RoomEvent.KindCase.ROOM_OPENED)
                        .thenComparing(ROOM_CLOCK));
        RoomSession session = null;
        List<Rejection> rejections = new ArrayList<>();
        for (RoomEvent event : sorted) {
            Applied applied = apply(session, event);
            if (applied.update().outcome() == SessionUpdate.Outcome.REJECTED) {
                rejections.add(new Rejection(event, applied.update().reason()));
            } else {
                session = applied.session();
            }
        }
        if (session != null) {
            for (SpeakingInterval s : speaking) {
                speech(session, s.participantId, s.startUs, s.endUs);
            }
            session.version = Math.max(session.version, version + 1);
        }
        return new Refolded(session, rejections);
    }

    /**
     * Adds a stretch of speech (from a transcript segment), merged with the speaker's last one if
     * close.
     */
    public static void speech(RoomSession session, String participantId, long startUs, long endUs) {
        if (endUs <= startUs) {
            return;
        }
        for (int i = session.speaking.size() - 1; i >= 0; i--) {
            SpeakingInterval last = session.speaking.get(i);
            if (last.participantId.equals(participantId)) {
                if (startUs <= last.endUs + SPEECH_GAP_US
                        && endUs >= last.startUs - SPEECH_GAP_US) {
                    last.startUs = Math.min(last.startUs, startUs);
                    last.endUs = Math.max(last.endUs, endUs);
                    session.version++;
                    return;
                }
                break;
            }
        }
        session.speaking.add(new SpeakingInterval(participantId, startUs, endUs));
        session.speaking.sort(Comparator.comparingLong(s -> s.startUs));
        session.version++;
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
        session.eventCount = 1;
        if (!event.getEventId().isEmpty()) {
            session.eventIds.add(event.getEventId());
        }
        return new Applied(session, SessionUpdate.CHANGED);
    }

    static boolean onStage(Role role) {
        return role == Role.SPEAKER || role == Role.MODERATOR;
    }
}
