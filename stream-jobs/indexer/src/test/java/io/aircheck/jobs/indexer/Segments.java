package io.aircheck.jobs.indexer;

import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.RecordingConsentChanged;
import io.aircheck.protocol.v1.RoomClosed;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomOpened;
import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.protocol.v1.Visibility;
import io.aircheck.protocol.v1.Word;

/** Test records: transcript segments and room events of room "room". */
final class Segments {
    static final long T0 = 1_764_000_000_000_000L;

    private Segments() {}

    static TranscriptSegment segment(
            String session, String participant, long startMs, String text) {
        TranscriptSegment.Builder b =
                TranscriptSegment.newBuilder()
                        .setSegmentId("room:" + session + ":" + participant + ":mic:" + startMs)
                        .setRoomId("room")
                        .setSessionId(session)
                        .setParticipantId(participant)
                        .setTrackId("mic")
                        .setStartUs(T0 + startMs * 1000)
                        .setText(text)
                        .setLanguage("en-US")
                        .setEngine("vosk/model-en-us");
        long at = T0 + startMs * 1000;
        for (String w : text.split(" ")) {
            b.addWords(
                    Word.newBuilder()
                            .setText(w)
                            .setStartUs(at)
                            .setEndUs(at + 300_000)
                            .setConfidence(0.9f));
            at += 350_000;
        }
        return b.setEndUs(at - 50_000).build();
    }

    static LoggedSegment logged(TranscriptSegment s) {
        return new LoggedSegment(
                s.getRoomId(), s.getSessionId(), s.getSegmentId(), s.toByteArray());
    }

    static RoomEvent.Builder event(String session, long atMs) {
        return RoomEvent.newBuilder()
                .setRoomId("room")
                .setSessionId(session)
                .setEventId(session + "-" + atMs)
                .setTimestampUs(T0 + atMs * 1000);
    }

    static LoggedRoomEvent opened(String session, long atMs, String title, Visibility visibility) {
        return logged(
                event(session, atMs)
                        .setRoomOpened(
                                RoomOpened.newBuilder()
                                        .setTitle(title)
                                        .setHostId("alice")
                                        .setVisibility(visibility))
                        .build());
    }

    static LoggedRoomEvent joined(String session, long atMs, String participant, String name) {
        return logged(
                event(session, atMs)
                        .setParticipantJoined(
                                ParticipantJoined.newBuilder()
                                        .setParticipantId(participant)
                                        .setDisplayName(name))
                        .build());
    }

    static LoggedRoomEvent consent(String session, long atMs, String participant, boolean consent) {
        return logged(
                event(session, atMs)
                        .setRecordingConsentChanged(
                                RecordingConsentChanged.newBuilder()
                                        .setParticipantId(participant)
                                        .setConsent(consent))
                        .build());
    }

    static LoggedRoomEvent closed(String session, long atMs) {
        return logged(event(session, atMs).setRoomClosed(RoomClosed.getDefaultInstance()).build());
    }

    static LoggedRoomEvent logged(RoomEvent e) {
        return new LoggedRoomEvent(e.getRoomId(), e.getSessionId(), e.toByteArray());
    }
}
