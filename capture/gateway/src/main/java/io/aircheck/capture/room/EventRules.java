package io.aircheck.capture.room;

import io.aircheck.protocol.Ids;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.TrackPublished;
import io.aircheck.protocol.v1.TrackUnpublished;

/**
 * The rules an event of an open room must satisfy, kind by kind (RoomOpened is checked by {@link
 * RoomRegistry}). Each returns null when the event is fine, or the rejection.
 */
final class EventRules {
    static final int MIN_SAMPLE_RATE = 8000;
    static final int MAX_SAMPLE_RATE = 48000;

    private EventRules() {}

    static Rejection check(RoomState room, RoomEvent event) {
        return switch (event.getKindCase()) {
            case ROOM_CLOSED, LINK_PINNED -> null;
            case ROOM_OPENED ->
                    Rejection.conflict(
                            "room '"
                                    + room.roomId
                                    + "' is already open (session "
                                    + room.sessionId()
                                    + ")");
            case PARTICIPANT_JOINED -> joined(room, event);
            case PARTICIPANT_LEFT -> present(room, event.getParticipantLeft().getParticipantId());
            case PARTICIPANT_REMOVED ->
                    present(room, event.getParticipantRemoved().getParticipantId());
            case ROLE_CHANGED -> roleChanged(room, event);
            case HAND_RAISED -> present(room, event.getHandRaised().getParticipantId());
            case HAND_LOWERED -> present(room, event.getHandLowered().getParticipantId());
            case MUTED -> present(room, event.getMuted().getParticipantId());
            case UNMUTED -> present(room, event.getUnmuted().getParticipantId());
            case RECORDING_CONSENT_CHANGED ->
                    present(room, event.getRecordingConsentChanged().getParticipantId());
            case TRACK_PUBLISHED -> trackPublished(room, event.getTrackPublished());
            case TRACK_UNPUBLISHED -> trackUnpublished(room, event.getTrackUnpublished());
            case KIND_NOT_SET -> Rejection.malformed("event has no kind");
        };
    }

    private static Rejection joined(RoomState room, RoomEvent event) {
        var joined = event.getParticipantJoined();
        Rejection bad = validId("participant_id", joined.getParticipantId());
        if (bad != null) {
            return bad;
        }
        if (joined.getRole() == Role.UNRECOGNIZED) {
            return Rejection.invalid("unknown role " + joined.getRoleValue());
        }
        if (room.isPresent(joined.getParticipantId())) {
            return Rejection.conflict(
                    "participant '"
                            + joined.getParticipantId()
                            + "' is already in room '"
                            + room.roomId
                            + "'");
        }
        return null;
    }

    private static Rejection roleChanged(RoomState room, RoomEvent event) {
        var changed = event.getRoleChanged();
        Rejection absent = present(room, changed.getParticipantId());
        if (absent != null) {
            return absent;
        }
        if (changed.getRole() == Role.ROLE_UNSPECIFIED || changed.getRole() == Role.UNRECOGNIZED) {
            return Rejection.invalid(
                    "role_changed needs a role (LISTENER, SPEAKER or MODERATOR), got "
                            + changed.getRoleValue());
        }
        return null;
    }

    private static Rejection trackPublished(RoomState room, TrackPublished published) {
        String participant = published.getParticipantId();
        Rejection absent = present(room, participant);
        if (absent != null) {
            return absent;
        }
        Role role = room.role(participant);
        if (role != Role.SPEAKER && role != Role.MODERATOR) {
            return Rejection.conflict(
                    "participant '"
                            + participant
                            + "' is a "
                            + role
                            + "; only speakers and moderators publish tracks");
        }
        Rejection badTrack = validId("track_id", published.getTrackId());
        if (badTrack != null) {
            return badTrack;
        }
        if (published.getCodec() != Codec.OPUS && published.getCodec() != Codec.PCM_S16LE) {
            return Rejection.invalid(
                    "codec must be OPUS or PCM_S16LE, got " + published.getCodecValue());
        }
        int rate = published.getSampleRate();
        if (rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE) {
            return Rejection.invalid(
                    "sample_rate must be 8000-48000 Hz, got " + Integer.toUnsignedString(rate));
        }
        int channels = published.getChannels();
        if (channels < 1 || channels > 2) {
            return Rejection.invalid(
                    "channels must be 1 or 2, got " + Integer.toUnsignedString(channels));
        }
        if (room.track(participant, published.getTrackId()) != null) {
            return Rejection.conflict(
                    "participant '"
                            + participant
                            + "' has already published track '"
                            + published.getTrackId()
                            + "'");
        }
        return null;
    }

    private static Rejection trackUnpublished(RoomState room, TrackUnpublished unpublished) {
        Rejection absent = present(room, unpublished.getParticipantId());
        if (absent != null) {
            return absent;
        }
        if (room.track(unpublished.getParticipantId(), unpublished.getTrackId()) == null) {
            return notPublished(unpublished.getParticipantId(), unpublished.getTrackId());
        }
        return null;
    }

    static Rejection notPublished(String participantId, String trackId) {
        return Rejection.conflict(
                "participant '" + participantId + "' has not published track '" + trackId + "'");
    }

    static Rejection present(RoomState room, String participantId) {
        Rejection bad = validId("participant_id", participantId);
        if (bad != null) {
            return bad;
        }
        if (!room.isPresent(participantId)) {
            return Rejection.conflict(
                    "participant '" + participantId + "' is not in room '" + room.roomId + "'");
        }
        return null;
    }

    static Rejection validId(String field, String value) {
        if (value.isEmpty()) {
            return Rejection.invalid(field + " is required");
        }
        if (!Ids.isValid(value)) {
            return Rejection.invalid(
                    field + " '" + value + "' is not a valid id (" + Ids.RULE + ")");
        }
        return null;
    }
}
