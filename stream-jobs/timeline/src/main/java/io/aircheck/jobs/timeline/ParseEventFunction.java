package io.aircheck.jobs.timeline;

import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.protocol.MalformedRecordException;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.RoomEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes {@code room.events} records into {@link LoggedEvent}s; records that do not decode, or
 * whose value names another room than their key, go to the dead-letter output.
 */
public final class ParseEventFunction extends ProcessFunction<SourceRecord, LoggedEvent> {
    private transient Counter malformed;

    @Override
    public void open(OpenContext openContext) {
        malformed = getRuntimeContext().getMetricGroup().counter("eventsMalformed");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<LoggedEvent> out) {
        try {
            RoomEvent event = WireFormat.parseEvent(record.value());
            if (!event.getRoomId().equals(record.keyString())) {
                throw new MalformedRecordException(
                        "event for room '"
                                + event.getRoomId()
                                + "' written under key '"
                                + record.keyString()
                                + "'");
            }
            out.collect(
                    new LoggedEvent(
                            event.getRoomId(),
                            record.partition(),
                            record.offset(),
                            record.value()));
        } catch (MalformedRecordException e) {
            malformed.inc();
            ctx.output(
                    Rejections.TAG,
                    Rejected.of(record, record.keyString(), e.getMessage(), TimelineJob.NAME));
        }
    }
}
