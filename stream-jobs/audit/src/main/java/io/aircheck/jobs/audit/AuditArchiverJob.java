package io.aircheck.jobs.audit;

import io.aircheck.config.KafkaSettings;
import io.aircheck.jobs.audit.io.AuditIndexFactory;
import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.jobs.kafka.KafkaConnectors;
import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.protocol.Topics;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The audit archiver: {@code archive.audit} in; the trail in the bucket as hash-chained (and, with
 * a key, signed) batches under {@code audit/} with a head object; the archived entries in the
 * {@code audit} index for queries; and refused records to {@code archive.audit.dlq}.
 */
public final class AuditArchiverJob {
    public static final String NAME = "audit-archiver";

    /** Every entry goes through one chain: one key. */
    static final String CHAIN = "audit-chain";

    private AuditArchiverJob() {}

    public record Outputs(DataStream<ArchivedBatch> batches, DataStream<Rejected> deadLetters) {}

    public static Outputs build(
            DataStream<SourceRecord> audit,
            ObjectStoreFactory store,
            AuditIndexFactory index,
            AuditSettings settings) {
        SingleOutputStreamOperator<LoggedAudit> parsed =
                audit.process(new ParseAuditFunction())
                        .name("parse audit events")
                        .uid("audit-parse");
        SingleOutputStreamOperator<ArchivedBatch> batches =
                parsed.keyBy(e -> CHAIN)
                        .process(new AuditChainFunction(store, index, settings))
                        .setParallelism(1)
                        .name("archive audit batches")
                        .uid("audit-chain");
        return new Outputs(batches, parsed.getSideOutput(Rejections.TAG));
    }

    /**
     * Adds the archiver to {@code env}: {@code topic} (normally {@code archive.audit}) read from
     * the group's committed offsets, refused records to the topic's {@code .dlq} (exactly once).
     */
    public static void wire(
            StreamExecutionEnvironment env,
            KafkaSettings kafka,
            String topic,
            ObjectStoreFactory store,
            AuditIndexFactory index,
            AuditSettings settings) {
        DataStream<SourceRecord> audit =
                env.fromSource(
                                KafkaConnectors.source(kafka, topic, "aircheck-audit-archiver"),
                                WatermarkStrategy.noWatermarks(),
                                topic)
                        .uid("aircheck-audit-archiver-source");
        Outputs outputs = build(audit, store, index, settings);
        outputs.batches()
                .sinkTo(new DiscardingSink<>())
                .name("archived batches")
                .uid("audit-batches-sink")
                .setParallelism(1);
        outputs.deadLetters()
                .sinkTo(KafkaConnectors.deadLetterSink(kafka, "aircheck-audit-dlq"))
                .name(Topics.deadLetter(Topics.ARCHIVE_AUDIT))
                .uid("audit-dlq-sink");
    }
}
