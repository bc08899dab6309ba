package io.aircheck.capture.bench;

import io.aircheck.capture.simulator.ScenarioPlayer;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.StreamMark;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Measures how long a frame takes from leaving its speaker to being readable in {@code room.audio}
 * (what a downstream job sees): the simulator reports each frame it sends, a consumer (thread
 * {@code bench-probe}) reads the topic and matches frames by room, speaker and sequence.
 */
final class LatencyProbe implements ScenarioPlayer.SendListener, AutoCloseable {
    private static final int RING = 1024; // 20 s of frames per speaker

    private record Sends(AtomicLongArray nanos, AtomicLongArray sequences) {}

    private final Map<String, Sends> sends = new ConcurrentHashMap<>();
    private final Thread thread;
    private final String bootstrap;
    private volatile boolean running = true;
    private volatile long windowFrom = Long.MAX_VALUE;
    private volatile long windowTo = Long.MAX_VALUE;
    private Histogram latency = new Histogram(60_000_000_000L, 3);
    private long sentInWindow;
    private long receivedInWindow;

    LatencyProbe(String bootstrap) {
        this.bootstrap = bootstrap;
        this.thread = new Thread(this::run, "bench-probe");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void sent(String roomId, String participantId, long sequence, long nanoTime) {
        Sends s =
                sends.computeIfAbsent(
                        roomId + "/" + participantId,
                        k -> new Sends(new AtomicLongArray(RING), new AtomicLongArray(RING)));
        int slot = (int) (sequence % RING);
        s.sequences.set(slot, sequence);
        s.nanos.set(slot, nanoTime);
        if (nanoTime >= windowFrom && nanoTime < windowTo) {
            synchronized (this) {
                sentInWindow++;
            }
        }
    }

    /** How many speakers have sent at least one frame. */
    int speakersSending() {
        return sends.size();
    }

    /** Measures frames sent from now for {@code duration}. */
    synchronized void openWindow(Duration duration) {
        latency = new Histogram(60_000_000_000L, 3);
        sentInWindow = 0;
        receivedInWindow = 0;
        windowFrom = System.nanoTime();
        windowTo = windowFrom + duration.toNanos();
    }

    /** What one measuring window saw: frames sent in it, those read back, their latency (ns). */
    record Window(long sent, long received, Histogram latency) {}

    synchronized Window window() {
        return new Window(sentInWindow, receivedInWindow, latency.copy());
    }

    private void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.ROOM_AUDIO).stream()
                            .map(i -> new TopicPartition(Topics.ROOM_AUDIO, i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    AudioFrame frame;
                    try {
                        frame = AudioFrame.parseFrom(record.value());
                    } catch (Exception e) {
                        continue;
                    }
                    if (frame.getMark() != StreamMark.STREAM_MARK_UNSPECIFIED) {
                        continue;
                    }
                    Sends s = sends.get(frame.getRoomId() + "/" + frame.getParticipantId());
                    int slot = (int) (frame.getSequence() % RING);
                    if (s == null || s.sequences.get(slot) != frame.getSequence()) {
                        continue;
                    }
                    long sentAt = s.nanos.get(slot);
                    if (sentAt >= windowFrom && sentAt < windowTo) {
                        synchronized (this) {
                            receivedInWindow++;
                            latency.recordValue(Math.max(0, now - sentAt));
                        }
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
