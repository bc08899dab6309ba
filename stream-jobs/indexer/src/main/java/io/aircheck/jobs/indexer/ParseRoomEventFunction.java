package io.aircheck.jobs.indexer;

import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.protocol.MalformedRecordException;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.RoomEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes the {@code room.events} records the indexer needs (names, consent, title, visibility,
 * open and close). Records that do not decode are skipped and counted: the timeline job, which owns
 * that topic's projection, dead-letters them.
 */
public final class ParseRoomEventFunction extends ProcessFunction<SourceRecord, LoggedRoomEvent> {
    private transient Counter skipped;

    @Override
    public void open(OpenContext openContext) {
        skipped = getRuntimeContext().getMetricGroup().counter("eventsSkipped");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<LoggedRoomEvent> out) {
        try {
            RoomEvent event = WireFormat.parseEvent(record.value());
            if (!event.getRoomId().equals(record.keyString()) || event.getSessionId().isBlank()) {
                skipped.inc();
                return;
            }
            switch (event.getKindCase()) {
                case ROOM_OPENED, ROOM_CLOSED, PARTICIPANT_JOINED, RECORDING_CONSENT_CHANGED ->
                        out.collect(
                                new LoggedRoomEvent(
                                        event.getRoomId(), event.getSessionId(), record.value()));
                default -> {}
            }
        } catch (MalformedRecordException e) {
            skipped.inc();
        }
    }
}
