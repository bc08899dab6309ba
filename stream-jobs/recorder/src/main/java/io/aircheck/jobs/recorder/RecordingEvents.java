package io.aircheck.jobs.recorder;

import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.protocol.v1.ObjectWritten;
import io.aircheck.protocol.v1.RecordingEvent;
import io.aircheck.protocol.v1.RecordingFinalized;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The {@code archive.recordings} events the recorder announces its objects with. */
final class RecordingEvents {
    private RecordingEvents() {}

    static ObjectWritten written(ArchivedObject o, long index) {
        return ObjectWritten.newBuilder()
                .setBucket(o.stored().bucket())
                .setKey(o.stored().key())
                .setSizeBytes(o.stored().sizeBytes())
                .setSha256(o.stored().sha256())
                .setDurationUs(o.durationUs())
                .setContentType(o.contentType())
                .setStartUs(o.startUs())
                .setParticipantId(o.participantId())
                .setIndex(index)
                .build();
    }

    static OutboundRecord segment(String room, String session, ArchivedObject segment, long index) {
        return record(room, event(room, session).setSegmentWritten(written(segment, index)));
    }

    static OutboundRecord track(String room, String session, ArchivedObject track) {
        return record(room, event(room, session).setTrackWritten(written(track, 0)));
    }

    static OutboundRecord master(String room, String session, ArchivedObject master) {
        return record(room, event(room, session).setMasterWritten(written(master, 0)));
    }

    /** The session is archived: its masters, tracks, playlists and manifest. */
    static OutboundRecord finalized(
            String room, String session, long startUs, long endUs, List<ArchivedObject> objects) {
        RecordingFinalized.Builder done =
                RecordingFinalized.newBuilder().setStartUs(startUs).setEndUs(endUs);
        // the masters first: what most readers of the event want
        for (String kind :
                List.of(
                        ArchivedObject.MASTER,
                        ArchivedObject.TRACK,
                        ArchivedObject.PLAYLIST,
                        ArchivedObject.INIT,
                        "manifest")) {
            for (ArchivedObject o : objects) {
                if (o.kind().equals(kind)) {
                    done.addObjects(written(o, 0));
                }
            }
        }
        return record(room, event(room, session).setRecordingFinalized(done));
    }

    private static RecordingEvent.Builder event(String room, String session) {
        return RecordingEvent.newBuilder()
                .setRoomId(room)
                .setSessionId(session)
                .setWrittenAtMs(System.currentTimeMillis());
    }

    private static OutboundRecord record(String room, RecordingEvent.Builder event) {
        return new OutboundRecord(
                room,
                event.build().toByteArray(),
                RecordingEvent.getDescriptor().getFullName(),
                null);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
