package io.aircheck.capture.gateway;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one idempotent Kafka producer the gateway writes everything through: acks=all, lz4, a short
 * linger, and bounded memory and blocking, so a slow or absent broker turns into refused writes,
 * never into an unbounded queue.
 */
final class KafkaRecordSink implements RecordSink {
    static final int LINGER_MS = 5;

    private final KafkaProducer<byte[], byte[]> producer;
    private final Duration writeTimeout;

    KafkaRecordSink(String bootstrapServers, Duration writeTimeout, int bufferBytes) {
        this.writeTimeout = writeTimeout;
        this.producer =
                new KafkaProducer<>(properties(bootstrapServers, writeTimeout, bufferBytes));
    }

    static Properties properties(String bootstrapServers, Duration writeTimeout, int bufferBytes) {
        long timeoutMs = writeTimeout.toMillis();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "capture-gateway");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, (long) bufferBytes);
        // send() blocks at most this long for metadata or buffer space, then fails
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, timeoutMs / 2));
        // the future completes (acknowledged or failed) within the write timeout
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        p.put(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.max(500, timeoutMs - LINGER_MS - 100) / 2);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    @Override
    public CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            producer.send(
                    record,
                    (metadata, error) -> {
                        if (error == null) {
                            result.complete(null);
                        } else {
                            result.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(writeTimeout);
    }
}
