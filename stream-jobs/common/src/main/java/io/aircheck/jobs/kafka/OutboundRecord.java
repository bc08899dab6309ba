package io.aircheck.jobs.kafka;

/**
 * A record a job writes to Kafka: keyed by room id, a protobuf value and its schema name, and for
 * dead letters the reason (also put in a header so it reads without decoding).
 */
public record OutboundRecord(String key, byte[] value, String schema, String reason) {}
