package io.aircheck.capture.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A sink that keeps records in memory; it can be told to fail writes, like a broker that is down.
 */
final class FakeRecordSink implements RecordSink {
    private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    private volatile boolean failing;

    void failWrites(boolean failing) {
        this.failing = failing;
    }

    synchronized List<ProducerRecord<byte[], byte[]>> records(String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public synchronized CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
        if (failing) {
            return CompletableFuture.failedFuture(
                    new org.apache.kafka.common.errors.TimeoutException("broker down (fake)"));
        }
        records.add(record);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
