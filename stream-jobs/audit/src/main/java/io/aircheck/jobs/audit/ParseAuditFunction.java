package io.aircheck.jobs.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.protocol.v1.AuditAction;
import io.aircheck.protocol.v1.AuditEvent;
import io.aircheck.protocol.v1.AuditOutcome;
import io.aircheck.storage.audit.AuditRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes {@code archive.audit} records. A record that is not an {@code AuditEvent}, or lacks an
 * id, an actor, an action or an outcome, goes to {@code archive.audit.dlq} with the reason, and
 * also into the trail as a refused entry (its position, the reason, the sha256 of its bytes): the
 * trail keeps every offset, so a verifier can tell a removed entry from a refused one.
 */
public final class ParseAuditFunction extends ProcessFunction<SourceRecord, LoggedAudit> {
    private transient Counter refused;

    @Override
    public void open(OpenContext openContext) {
        refused = getRuntimeContext().getMetricGroup().counter("auditRecordsRefused");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<LoggedAudit> out) {
        String problem;
        try {
            AuditEvent event =
                    AuditEvent.parseFrom(record.value() == null ? new byte[0] : record.value());
            problem = check(event);
            if (problem == null) {
                out.collect(
                        new LoggedAudit(
                                record.partition(),
                                record.offset(),
                                AuditRecord.of(event),
                                null,
                                null));
                return;
            }
        } catch (InvalidProtocolBufferException e) {
            problem = "not an AuditEvent: " + e.getMessage();
        }
        refused.inc();
        out.collect(
                new LoggedAudit(
                        record.partition(),
                        record.offset(),
                        null,
                        problem,
                        sha256(record.value())));
        ctx.output(Rejections.TAG, Rejected.of(record, null, problem, AuditArchiverJob.NAME));
    }

    static String check(AuditEvent e) {
        if (e.getEventId().isBlank()) {
            return "audit event without event_id";
        }
        if (e.getActor().isBlank()) {
            return "audit event " + e.getEventId() + " without an actor";
        }
        if (e.getAction() == AuditAction.AUDIT_ACTION_UNSPECIFIED
                || e.getAction() == AuditAction.UNRECOGNIZED) {
            return "audit event " + e.getEventId() + " without a known action";
        }
        if (e.getOutcome() == AuditOutcome.AUDIT_OUTCOME_UNSPECIFIED
                || e.getOutcome() == AuditOutcome.UNRECOGNIZED) {
            return "audit event " + e.getEventId() + " without a known outcome";
        }
        if (e.getAtMs() <= 0) {
            return "audit event " + e.getEventId() + " without a time";
        }
        return null;
    }

    static String sha256(byte[] value) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(value == null ? new byte[0] : value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
