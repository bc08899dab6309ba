package io.aircheck.capture.room;

import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.StreamMark;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-band marks an accepted event puts into {@code room.audio} (see audio.proto): where a
 * session starts and ends, and when a track sends nothing more. Computed against the room's state
 * before the event is applied.
 */
final class StreamMarks {
    private StreamMarks() {}

    static List<AudioFrame> forEvent(RoomState room, RoomEvent event) {
        List<AudioFrame> marks = new ArrayList<>();
        switch (event.getKindCase()) {
            case ROOM_OPENED -> marks.add(sessionMark(event, StreamMark.SESSION_STARTED));
            case PARTICIPANT_LEFT ->
                    endAll(
                            marks,
                            room.tracksOf(event.getParticipantLeft().getParticipantId()),
                            event);
            case PARTICIPANT_REMOVED ->
                    endAll(
                            marks,
                            room.tracksOf(event.getParticipantRemoved().getParticipantId()),
                            event);
            case ROLE_CHANGED -> {
                if (event.getRoleChanged().getRole() == Role.LISTENER) {
                    endAll(marks, room.tracksOf(event.getRoleChanged().getParticipantId()), event);
                }
            }
            case TRACK_UNPUBLISHED -> {
                var unpublished = event.getTrackUnpublished();
                PublishedTrack track =
                        room.track(unpublished.getParticipantId(), unpublished.getTrackId());
                if (track != null) {
                    marks.add(trackEnded(track, event));
                }
            }
            case ROOM_CLOSED -> {
                endAll(marks, room.tracks(), event);
                marks.add(sessionMark(event, StreamMark.SESSION_ENDED));
            }
            default -> {}
        }
        return marks;
    }

    private static void endAll(List<AudioFrame> marks, List<PublishedTrack> tracks, RoomEvent e) {
        for (PublishedTrack track : tracks) {
            marks.add(trackEnded(track, e));
        }
    }

    private static AudioFrame sessionMark(RoomEvent event, StreamMark mark) {
        return AudioFrame.newBuilder()
                .setRoomId(event.getRoomId())
                .setSessionId(event.getSessionId())
                .setTimestampUs(event.getTimestampUs())
                .setMark(mark)
                .build();
    }

    private static AudioFrame trackEnded(PublishedTrack track, RoomEvent event) {
        return AudioFrame.newBuilder()
                .setRoomId(event.getRoomId())
                .setSessionId(event.getSessionId())
                .setParticipantId(track.participantId)
                .setTrackId(track.trackId)
                .setTimestampUs(event.getTimestampUs())
                .setCodec(track.codec)
                .setSampleRate(track.sampleRate)
                .setChannels(track.channels)
                .setMark(StreamMark.TRACK_ENDED)
                .build();
    }
}
