package io.aircheck.jobs.kafka;

import io.aircheck.protocol.Topics;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes each {@link Rejected} record as a dead letter to the dead-letter topic of the topic it
 * came from ({@code room.events} → {@code room.events.dlq}), so one sink serves a job that reads
 * several topics.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<Rejected> {
    private final OutboundRecordSerializer headers = new OutboundRecordSerializer("unused");

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Rejected rejected, KafkaSinkContext context, Long timestamp) {
        ProducerRecord<byte[], byte[]> record =
                headers.serialize(
                        rejected.toDeadLetter(System.currentTimeMillis()), context, timestamp);
        return new ProducerRecord<>(
                Topics.deadLetter(rejected.sourceTopic()),
                null,
                timestamp,
                record.key(),
                record.value(),
                record.headers());
    }
}
