package io.aircheck.jobs.timeline;

import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.storage.VersionedRoom;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The timeline: {@code room.events} (and who spoke when, from {@code room.transcripts}) in; every
 * room session's catalog document, its event log and timeline files, and dead letters out.
 */
public final class TimelineJob {
    public static final String NAME = "timeline-job";

    private TimelineJob() {}

    public record Outputs(
            DataStream<VersionedRoom> rooms,
            DataStream<SessionFiles> files,
            DataStream<Rejected> deadLetters) {}

    /**
     * @param records records of room.events and room.transcripts, in any interleaving
     */
    public static Outputs build(DataStream<SourceRecord> records, TimelineSettings settings) {
        SingleOutputStreamOperator<TimelineInput> parsed =
                records.process(new ParseEventFunction())
                        .name("parse room events")
                        .uid("timeline-parse");
        SingleOutputStreamOperator<VersionedRoom> rooms =
                parsed.keyBy(TimelineInput::roomId)
                        .process(new RoomTimelineFunction(settings))
                        .name("room timelines")
                        .uid("timeline-sessions");
        DataStream<Rejected> deadLetters =
                parsed.getSideOutput(Rejections.TAG).union(rooms.getSideOutput(Rejections.TAG));
        return new Outputs(rooms, rooms.getSideOutput(RoomTimelineFunction.FILES), deadLetters);
    }
}
