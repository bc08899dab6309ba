package io.aircheck.jobs.transcription;

import io.aircheck.jobs.transcriber.testing.SpokenTrack;
import io.aircheck.jobs.transcriber.testing.TrackFrames;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.RecordingConsentChanged;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomClosed;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomOpened;
import io.aircheck.protocol.v1.StreamMark;
import io.aircheck.protocol.v1.Visibility;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A room of speaker tracks as capture would log it: the room's events (opened, who joined under
 * which name, consent, closed) and its audio (session marks, every track's 20 ms frames in room
 * clock order).
 */
record TranscribedRoom(
        String roomId,
        String sessionId,
        long startUs,
        String title,
        List<SpokenTrack> tracks,
        Map<String, String> names,
        List<String> withdrawn) {

    long endUs() {
        double seconds = tracks.stream().mapToDouble(SpokenTrack::seconds).max().orElse(0);
        return startUs + Math.round(seconds * 1e6) + 20_000;
    }

    List<RoomEvent> events() {
        List<RoomEvent> events = new ArrayList<>();
        events.add(
                event(0, "open")
                        .setRoomOpened(
                                RoomOpened.newBuilder()
                                        .setTitle(title)
                                        .setHostId(tracks.get(0).participantId())
                                        .setVisibility(Visibility.PUBLIC))
                        .build());
        int n = 0;
        for (SpokenTrack track : tracks) {
            String id = track.participantId();
            events.add(
                    event(1_000 + n++, "join-" + id)
                            .setParticipantJoined(
                                    ParticipantJoined.newBuilder()
                                            .setParticipantId(id)
                                            .setDisplayName(names.getOrDefault(id, id))
                                            .setRole(Role.SPEAKER))
                            .build());
        }
        for (String id : withdrawn) {
            events.add(
                    event(2_000, "consent-" + id)
                            .setRecordingConsentChanged(
                                    RecordingConsentChanged.newBuilder()
                                            .setParticipantId(id)
                                            .setConsent(false))
                            .build());
        }
        events.add(
                event(endUs() - startUs, "close")
                        .setRoomClosed(RoomClosed.getDefaultInstance())
                        .build());
        return events;
    }

    /** Every audio record, in the order capture writes them. */
    List<AudioFrame> audio() {
        List<AudioFrame> frames = new ArrayList<>();
        for (SpokenTrack track : tracks) {
            frames.addAll(TrackFrames.frames(roomId, sessionId, track, startUs));
        }
        frames.sort(Comparator.comparingLong(AudioFrame::getTimestampUs));
        List<AudioFrame> all = new ArrayList<>();
        all.add(mark(StreamMark.SESSION_STARTED, startUs));
        all.addAll(frames);
        all.add(mark(StreamMark.SESSION_ENDED, endUs()));
        return all;
    }

    private RoomEvent.Builder event(long afterUs, String id) {
        return RoomEvent.newBuilder()
                .setRoomId(roomId)
                .setSessionId(sessionId)
                .setEventId(sessionId + "-" + id)
                .setTimestampUs(startUs + afterUs);
    }

    private AudioFrame mark(StreamMark mark, long atUs) {
        return AudioFrame.newBuilder()
                .setRoomId(roomId)
                .setSessionId(sessionId)
                .setTimestampUs(atUs)
                .setMark(mark)
                .build();
    }
}
