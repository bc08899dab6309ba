package io.aircheck.capture.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A sink that keeps records in memory; it can be told to fail writes, like a broker that is down,
 * or to hold them unacknowledged, like a slow one, until released.
 */
final class FakeRecordSink implements RecordSink {
    private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private volatile boolean failing;
    private volatile boolean holding;

    void failWrites(boolean failing) {
        this.failing = failing;
    }

    /** Writes are taken but not acknowledged until {@link #release()}. */
    synchronized void holdWrites() {
        holding = true;
    }

    /** Acknowledges every held write, in order, and stops holding. */
    void release() {
        List<CompletableFuture<Void>> due;
        synchronized (this) {
            holding = false;
            due = new ArrayList<>(held);
            held.clear();
        }
        due.forEach(f -> f.complete(null));
    }

    synchronized int heldCount() {
        return held.size();
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
        if (holding && record.topic().equals(io.aircheck.protocol.Topics.ROOM_AUDIO)) {
            CompletableFuture<Void> later = new CompletableFuture<>();
            held.add(later);
            return later;
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
