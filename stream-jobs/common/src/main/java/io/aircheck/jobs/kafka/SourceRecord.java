package io.aircheck.jobs.kafka;

/**
 * A Kafka record as read, bytes untouched, with its position in the log and its log timestamp
 * ({@code timestampMs}: when the broker appended it, or the producer's time; -1 when unknown). Jobs
 * that must decide "too late" reproducibly use this, not the processing time, so a replay of the
 * log decides the same.
 */
public record SourceRecord(
        String topic, int partition, long offset, byte[] key, byte[] value, long timestampMs) {

    public SourceRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
        this(topic, partition, offset, key, value, -1);
    }

    public String keyString() {
        return key == null ? "" : new String(key, java.nio.charset.StandardCharsets.UTF_8);
    }
}
