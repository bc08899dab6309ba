package io.aircheck.api.testing;

import io.aircheck.api.search.Segment;
import io.aircheck.api.search.Word;
import io.aircheck.storage.RoomDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Rooms and segments for tests. */
public final class Fixtures {
    private Fixtures() {}

    public static RoomDocument room(
            String roomId,
            String sessionId,
            String title,
            String visibility,
            Instant start,
            long durationMs,
            boolean live,
            String... speakers) {
        List<RoomDocument.Speaker> on = new ArrayList<>();
        for (int i = 0; i < speakers.length; i += 2) {
            on.add(new RoomDocument.Speaker(speakers[i], speakers[i + 1]));
        }
        return new RoomDocument(
                roomId,
                sessionId,
                title,
                on.isEmpty() ? "host" : on.get(0).participantId(),
                visibility,
                on,
                start,
                live ? null : start.plusMillis(durationMs),
                durationMs,
                live,
                40,
                start);
    }

    /** A segment at {@code offsetMs} into the session, words spread evenly over its length. */
    public static Segment segment(
            RoomDocument room,
            String segmentId,
            String participantId,
            String speakerName,
            long offsetMs,
            long lengthMs,
            String text,
            boolean consent) {
        long start = room.startedAt().toEpochMilli() + offsetMs;
        String[] tokens = text.split(" ");
        List<Word> words = new ArrayList<>();
        long each = lengthMs / tokens.length;
        for (int i = 0; i < tokens.length; i++) {
            words.add(new Word(tokens[i], start + i * each, start + (i + 1) * each, 0.9));
        }
        return new Segment(
                segmentId,
                room.roomId(),
                room.sessionId(),
                participantId,
                speakerName,
                start,
                start + lengthMs,
                text,
                words,
                room.visibility(),
                consent,
                room.title());
    }
}
