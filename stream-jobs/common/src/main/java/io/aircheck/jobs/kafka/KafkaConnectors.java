package io.aircheck.jobs.kafka;

import io.aircheck.config.KafkaSettings;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Builds the Kafka sources and sinks the jobs use, with the project's settings. */
public final class KafkaConnectors {
    /** Longer than any checkpoint interval plus a restart; below the broker's maximum. */
    private static final String TRANSACTION_TIMEOUT_MS = "900000";

    private KafkaConnectors() {}

    /**
     * Reads {@code topic} from the group's committed offsets (the beginning the first time); a job
     * restored from a checkpoint resumes from the checkpoint's offsets instead.
     */
    public static KafkaSource<SourceRecord> source(
            KafkaSettings kafka, String topic, String groupId) {
        return source(kafka, java.util.List.of(topic), groupId);
    }

    /** Reads several topics into one stream (each record knows its topic). */
    public static KafkaSource<SourceRecord> source(
            KafkaSettings kafka, java.util.List<String> topics, String groupId) {
        return KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topics)
                .setGroupId(groupId)
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new SourceRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    /**
     * An exactly-once sink of dead letters, each to the dead-letter topic of the topic its record
     * came from.
     */
    public static KafkaSink<Rejected> deadLetterSink(
            KafkaSettings kafka, String transactionalIdPrefix) {
        return KafkaSink.<Rejected>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new DeadLetterSerializer())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                .setProperty("enable.idempotence", "true")
                .setProperty("acks", "all")
                .build();
    }

    /** An exactly-once (transactional) sink to {@code topic}; needs checkpointing to commit. */
    public static KafkaSink<OutboundRecord> exactlyOnceSink(
            KafkaSettings kafka, String topic, String transactionalIdPrefix) {
        return KafkaSink.<OutboundRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new OutboundRecordSerializer(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                .setProperty("enable.idempotence", "true")
                .setProperty("acks", "all")
                .build();
    }
}
