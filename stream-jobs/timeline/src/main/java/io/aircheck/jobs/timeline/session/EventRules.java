package io.aircheck.jobs.timeline.session;

import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;

/** What each kind of event does to a session, and when it cannot happen. */
final class EventRules {
    private EventRules() {}

    /** Applies {@code event} to {@code s}; returns why it cannot, or null when applied. */
    static String apply(RoomSession s, RoomEvent event) {
        long at = event.getTimestampUs();
        switch (event.getKindCase()) {
            case ROOM_CLOSED -> {
                s.endedAtUs = Math.max(at, s.startedAtUs);
                s.closeReason = event.getRoomClosed().getReason();
                for (Participant p : s.participants.values()) {
                    Participant.closeLast(p.presence, s.endedAtUs);
                    Participant.closeLast(p.hands, s.endedAtUs);
                    Participant.closeLast(p.mutes, s.endedAtUs);
                }
                return null;
            }
            case PARTICIPANT_JOINED -> {
                var joined = event.getParticipantJoined();
                String id = joined.getParticipantId();
                Participant p = s.participants.get(id);
                if (p != null && p.present()) {
                    return "participant '" + id + "' joined room '" + s.roomId + "' twice";
                }
                if (p == null) {
                    p =
                            new Participant(
                                    id,
                                    joined.getDisplayName().isBlank()
                                            ? id
                                            : joined.getDisplayName());
                    s.participants.put(id, p);
                }
                p.presence.add(new Interval(at, -1));
                Role role = joined.getRoleValue() == 0 ? Role.LISTENER : joined.getRole();
                setRole(s, p, at, role);
                s.peakParticipants = Math.max(s.peakParticipants, s.presentCount());
                return null;
            }
            case PARTICIPANT_LEFT -> {
                Participant p = s.participants.get(event.getParticipantLeft().getParticipantId());
                if (p == null || !p.present()) {
                    return absent(s, event.getParticipantLeft().getParticipantId(), "leave");
                }
                leave(p, at);
                return null;
            }
            case PARTICIPANT_REMOVED -> {
                var removed = event.getParticipantRemoved();
                Participant p = s.participants.get(removed.getParticipantId());
                if (p == null || !p.present()) {
                    return absent(s, removed.getParticipantId(), "be removed");
                }
                leave(p, at);
                p.removedAtUs = at;
                p.removedBy = removed.getBy();
                p.removedReason = removed.getReason();
                return null;
            }
            case ROLE_CHANGED -> {
                var changed = event.getRoleChanged();
                Participant p = s.participants.get(changed.getParticipantId());
                if (p == null || !p.present()) {
                    return absent(s, changed.getParticipantId(), "change role");
                }
                setRole(s, p, at, changed.getRole());
                return null;
            }
            case HAND_RAISED -> {
                return interval(
                        s,
                        event.getHandRaised().getParticipantId(),
                        at,
                        true,
                        false,
                        "raise a hand");
            }
            case HAND_LOWERED -> {
                return interval(
                        s,
                        event.getHandLowered().getParticipantId(),
                        at,
                        false,
                        false,
                        "lower a hand");
            }
            case MUTED -> {
                return interval(s, event.getMuted().getParticipantId(), at, true, true, "be muted");
            }
            case UNMUTED -> {
                return interval(
                        s, event.getUnmuted().getParticipantId(), at, false, true, "be unmuted");
            }
            case TRACK_PUBLISHED -> {
                String id = event.getTrackPublished().getParticipantId();
                Participant p = s.participants.get(id);
                if (p == null || !p.present()) {
                    return absent(s, id, "publish a track");
                }
                if (!s.stage.contains(id)) {
                    s.stage.add(id);
                }
                return null;
            }
            case TRACK_UNPUBLISHED -> {
                return null;
            }
            case RECORDING_CONSENT_CHANGED -> {
                var consent = event.getRecordingConsentChanged();
                Participant p = s.participants.get(consent.getParticipantId());
                if (p == null) {
                    return absent(s, consent.getParticipantId(), "change recording consent");
                }
                p.consent.add(new Change(at, Boolean.toString(consent.getConsent())));
                return null;
            }
            case LINK_PINNED -> {
                var link = event.getLinkPinned();
                s.links.add(new PinnedLink(at, link.getUrl(), link.getTitle(), link.getBy()));
                return null;
            }
            default -> {
                return "event of unknown kind " + event.getKindCase();
            }
        }
    }

    private static void setRole(RoomSession s, Participant p, long at, Role role) {
        p.role = role.name();
        p.roles.add(new Change(at, role.name()));
        if (SessionProjection.onStage(role) && !s.stage.contains(p.participantId)) {
            s.stage.add(p.participantId);
        }
    }

    private static void leave(Participant p, long at) {
        Participant.closeLast(p.presence, at);
        Participant.closeLast(p.hands, at);
        Participant.closeLast(p.mutes, at);
    }

    private static String interval(
            RoomSession s, String id, long at, boolean start, boolean mute, String what) {
        Participant p = s.participants.get(id);
        if (p == null || !p.present()) {
            return absent(s, id, what);
        }
        var intervals = mute ? p.mutes : p.hands;
        if (start && !Participant.lastOpen(intervals)) {
            intervals.add(new Interval(at, -1));
        } else if (!start) {
            Participant.closeLast(intervals, at);
        }
        return null;
    }

    private static String absent(RoomSession s, String id, String what) {
        return "participant '" + id + "' is not in room '" + s.roomId + "' and cannot " + what;
    }
}
