package io.aircheck.protocol;

import java.util.List;

/** The Kafka topics of the log of record (DESIGN.md). Every record is keyed by room id. */
public final class Topics {
    public static final String ROOM_EVENTS = "room.events";
    public static final String ROOM_AUDIO = "room.audio";
    public static final String ROOM_TRANSCRIPTS = "room.transcripts";
    public static final String ARCHIVE_RECORDINGS = "archive.recordings";
    public static final String ARCHIVE_AUDIT = "archive.audit";

    /** The topics that carry the archive's data. */
    public static final List<String> SOURCE_TOPICS =
            List.of(ROOM_EVENTS, ROOM_AUDIO, ROOM_TRANSCRIPTS, ARCHIVE_RECORDINGS, ARCHIVE_AUDIT);

    private Topics() {}

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    /** Every topic, dead-letter topics included. */
    public static List<String> all() {
        return SOURCE_TOPICS.stream().flatMap(t -> List.of(t, deadLetter(t)).stream()).toList();
    }
}
