package io.aircheck.jobs.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Passes records on as bytes: decoding happens in a job's first operator, where a record that does
 * not decode can be sent to the dead-letter topic instead of failing the source.
 */
public final class SourceRecordDeserializer
        implements KafkaRecordDeserializationSchema<SourceRecord> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceRecord> out) {
        out.collect(
                new SourceRecord(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key(),
                        record.value(),
                        record.timestamp()));
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return TypeInformation.of(SourceRecord.class);
    }
}
