package io.aircheck.jobs.kafka;

import io.aircheck.protocol.WireHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Writes {@link OutboundRecord}s to one topic, key as UTF-8, with the schema/reason headers. */
public final class OutboundRecordSerializer
        implements KafkaRecordSerializationSchema<OutboundRecord> {
    private final String topic;

    public OutboundRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            OutboundRecord record, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        if (record.schema() != null) {
            headers.add(WireHeaders.SCHEMA, record.schema().getBytes(StandardCharsets.UTF_8));
        }
        if (record.reason() != null) {
            headers.add(WireHeaders.REASON, record.reason().getBytes(StandardCharsets.UTF_8));
        }
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, timestamp, key, record.value(), headers);
    }
}
