package io.aircheck.jobs.timeline;

import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.protocol.MalformedRecordException;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.WireFormat;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes the timeline's input records ({@code room.events} and {@code room.transcripts}); records
 * that do not decode, or whose value names another room than their key, go to the dead-letter
 * output.
 */
public final class ParseEventFunction extends ProcessFunction<SourceRecord, TimelineInput> {
    private transient Counter malformed;

    @Override
    public void open(OpenContext openContext) {
        malformed = getRuntimeContext().getMetricGroup().counter("recordsMalformed");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<TimelineInput> out) {
        try {
            boolean segment = record.topic().equals(Topics.ROOM_TRANSCRIPTS);
            String roomId =
                    segment
                            ? WireFormat.parseSegment(record.value()).getRoomId()
                            : WireFormat.parseEvent(record.value()).getRoomId();
            if (!roomId.equals(record.keyString())) {
                throw new MalformedRecordException(
                        "record for room '"
                                + roomId
                                + "' written under key '"
                                + record.keyString()
                                + "'");
            }
            out.collect(
                    new TimelineInput(
                            segment ? TimelineInput.Kind.SEGMENT : TimelineInput.Kind.EVENT,
                            roomId,
                            record.partition(),
                            record.offset(),
                            record.value(),
                            record.timestampMs()));
        } catch (MalformedRecordException e) {
            malformed.inc();
            ctx.output(
                    Rejections.TAG,
                    Rejected.of(record, record.keyString(), e.getMessage(), TimelineJob.NAME));
        }
    }
}
