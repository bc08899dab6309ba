package io.aircheck.jobs.kafka;

/** A Kafka record as read, bytes untouched, with its position in the log. */
public record SourceRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

    public String keyString() {
        return key == null ? "" : new String(key, java.nio.charset.StandardCharsets.UTF_8);
    }
}
