package io.aircheck.jobs.indexer;

import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.protocol.Ids;
import io.aircheck.protocol.MalformedRecordException;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.TranscriptSegment;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes {@code room.transcripts} records; a record that does not decode or breaks the contract
 * (no session, participant or id, times out of order, another room than its key) goes to the
 * dead-letter output with the reason.
 */
public final class ParseSegmentFunction extends ProcessFunction<SourceRecord, LoggedSegment> {
    private transient Counter malformed;

    @Override
    public void open(OpenContext openContext) {
        malformed = getRuntimeContext().getMetricGroup().counter("segmentsMalformed");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<LoggedSegment> out) {
        try {
            TranscriptSegment s = check(WireFormat.parseSegment(record.value()), record);
            out.collect(
                    new LoggedSegment(
                            s.getRoomId(), s.getSessionId(), s.getSegmentId(), record.value()));
        } catch (MalformedRecordException e) {
            malformed.inc();
            ctx.output(
                    Rejections.TAG,
                    Rejected.of(record, record.keyString(), e.getMessage(), IndexerJob.NAME));
        }
    }

    static TranscriptSegment check(TranscriptSegment s, SourceRecord record)
            throws MalformedRecordException {
        if (!s.getRoomId().equals(record.keyString())) {
            throw new MalformedRecordException(
                    "segment for room '"
                            + s.getRoomId()
                            + "' written under key '"
                            + record.keyString()
                            + "'");
        }
        if (!Ids.isValid(s.getSessionId()) || !Ids.isValid(s.getParticipantId())) {
            throw new MalformedRecordException(
                    "segment '"
                            + s.getSegmentId()
                            + "' without a valid session and participant id");
        }
        if (s.getSegmentId().isBlank() || s.getSegmentId().length() > 512) {
            throw new MalformedRecordException("segment without a segment_id");
        }
        if (s.getEndUs() < s.getStartUs()) {
            throw new MalformedRecordException(
                    "segment '"
                            + s.getSegmentId()
                            + "' ends ("
                            + s.getEndUs()
                            + ") before it starts ("
                            + s.getStartUs()
                            + ")");
        }
        return s;
    }
}
