package io.aircheck.jobs.indexer;

import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.storage.VersionedTranscript;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The indexer: {@code room.transcripts} and {@code room.events} in; a {@code transcripts} index
 * document per segment (with speaker name, room title, visibility and consent), the transcript of
 * every closed session as WebVTT and JSON in the archive, and dead letters for segments it refused.
 */
public final class IndexerJob {
    public static final String NAME = "indexer-job";

    /**
     * How long after a room closes (or a late segment arrives) its transcript files are written.
     */
    public static final long FILE_DELAY_MS = 2_000;

    private IndexerJob() {}

    public record Outputs(
            DataStream<VersionedTranscript> documents, DataStream<OutboundRecord> deadLetters) {}

    public static Outputs build(
            DataStream<SourceRecord> transcripts,
            DataStream<SourceRecord> events,
            ObjectStoreFactory store) {
        SingleOutputStreamOperator<LoggedSegment> segments =
                transcripts
                        .process(new ParseSegmentFunction())
                        .name("parse transcript segments")
                        .uid("indexer-parse-segments");
        SingleOutputStreamOperator<LoggedRoomEvent> roomEvents =
                events.process(new ParseRoomEventFunction())
                        .name("parse room events")
                        .uid("indexer-parse-events");
        SingleOutputStreamOperator<VersionedTranscript> documents =
                segments.keyBy(LoggedSegment::roomId)
                        .connect(roomEvents.keyBy(LoggedRoomEvent::roomId))
                        .process(new TranscriptProjectionFunction(store, FILE_DELAY_MS))
                        .name("transcript documents")
                        .uid("indexer-project");
        DataStream<OutboundRecord> deadLetters =
                segments.getSideOutput(Rejections.TAG)
                        .map(rejected -> rejected.toDeadLetter(System.currentTimeMillis()))
                        .returns(OutboundRecord.class)
                        .name("transcript dead letters")
                        .uid("indexer-dead-letters");
        return new Outputs(documents, deadLetters);
    }
}
