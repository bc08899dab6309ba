package io.aircheck.jobs.consent;

import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.protocol.MalformedRecordException;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.ObjectWritten;
import io.aircheck.protocol.v1.RecordingEvent;
import io.aircheck.protocol.v1.RecordingFinalized;
import io.aircheck.protocol.v1.RoomEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Picks from {@code room.events} the consent changes and from {@code archive.recordings} the
 * finalized recordings (with their speakers' tracks). Records that do not decode are skipped and
 * counted: the jobs that own those topics' projections (timeline, recorder) dead-letter them.
 */
public final class ParseConsentInputFunction extends ProcessFunction<SourceRecord, ConsentInput> {
    private transient Counter skipped;

    @Override
    public void open(OpenContext openContext) {
        skipped = getRuntimeContext().getMetricGroup().counter("consentInputsSkipped");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<ConsentInput> out) {
        try {
            if (record.topic().equals(Topics.ARCHIVE_RECORDINGS)) {
                RecordingEvent event = RecordingEvent.parseFrom(record.value());
                if (event.getKindCase() == RecordingEvent.KindCase.RECORDING_FINALIZED
                        && !event.getSessionId().isBlank()) {
                    out.collect(ConsentInput.recorded(recording(event)));
                }
                return;
            }
            RoomEvent event = WireFormat.parseEvent(record.value());
            if (event.getKindCase() == RoomEvent.KindCase.RECORDING_CONSENT_CHANGED
                    && !event.getSessionId().isBlank()) {
                var changed = event.getRecordingConsentChanged();
                out.collect(
                        ConsentInput.consent(
                                event.getRoomId(),
                                event.getSessionId(),
                                changed.getParticipantId(),
                                changed.getConsent()));
            }
        } catch (MalformedRecordException | com.google.protobuf.InvalidProtocolBufferException e) {
            skipped.inc();
        }
    }

    static SessionRecording recording(RecordingEvent event) {
        RecordingFinalized done = event.getRecordingFinalized();
        List<TrackRef> tracks = new ArrayList<>();
        for (ObjectWritten o : done.getObjectsList()) {
            if (!o.getParticipantId().isBlank() && o.getKey().contains("/tracks/")) {
                tracks.add(
                        new TrackRef(
                                o.getKey(),
                                o.getParticipantId(),
                                o.getStartUs(),
                                o.getDurationUs()));
            }
        }
        return new SessionRecording(
                event.getRoomId(),
                event.getSessionId(),
                done.getStartUs(),
                done.getEndUs(),
                tracks);
    }
}
