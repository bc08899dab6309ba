package io.aircheck.capture.gateway;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where the gateway's records go. Records handed over in one order reach each partition in that
 * order; the future completes when the log acknowledged the record, or fails (never hangs longer
 * than the configured write timeout).
 */
public interface RecordSink extends AutoCloseable {

    CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record);

    /** Sends what is buffered and waits for it (bounded). */
    void flush();

    @Override
    void close();
}
