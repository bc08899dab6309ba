package io.aircheck.jobs.timeline;

import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.storage.VersionedRoom;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The timeline: {@code room.events} in; every room session's catalog document (title, host,
 * speakers, start, end, duration, live, peak) out, and dead letters for what it refused.
 */
public final class TimelineJob {
    public static final String NAME = "timeline-job";

    private TimelineJob() {}

    public record Outputs(
            DataStream<VersionedRoom> rooms, DataStream<OutboundRecord> deadLetters) {}

    public static Outputs build(DataStream<SourceRecord> events) {
        SingleOutputStreamOperator<LoggedEvent> parsed =
                events.process(new ParseEventFunction())
                        .name("parse room events")
                        .uid("timeline-parse");
        SingleOutputStreamOperator<VersionedRoom> rooms =
                parsed.keyBy(LoggedEvent::roomId)
                        .process(new RoomSessionFunction())
                        .name("room sessions")
                        .uid("timeline-sessions");
        DataStream<OutboundRecord> deadLetters =
                parsed.getSideOutput(Rejections.TAG)
                        .union(rooms.getSideOutput(Rejections.TAG))
                        .map(rejected -> rejected.toDeadLetter(System.currentTimeMillis()))
                        .returns(OutboundRecord.class)
                        .name("event dead letters")
                        .uid("timeline-dead-letters");
        return new Outputs(rooms, deadLetters);
    }
}
