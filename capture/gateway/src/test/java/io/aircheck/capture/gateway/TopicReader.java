package io.aircheck.capture.gateway;

import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.StreamMark;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what landed in a topic, as a downstream job would, from the beginning. */
final class TopicReader {
    private TopicReader() {}

    /**
     * Every record of {@code topic} matching {@code filter}, in partition-then-offset order; polls
     * until {@code done} holds for what was read (or 30 s pass).
     */
    static List<ConsumerRecord<byte[], byte[]>> read(
            String bootstrap,
            String topic,
            Predicate<ConsumerRecord<byte[], byte[]>> filter,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> matching = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (filter.test(r)) {
                        matching.add(r);
                    }
                }
                if (done.test(matching)) {
                    break;
                }
            }
        }
        matching.sort(
                Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                        .thenComparingLong(ConsumerRecord::offset));
        return matching;
    }

    /**
     * Every frame and mark of room {@code roomId} in {@code room.audio}, in log order, once its
     * {@code SESSION_ENDED} mark is there.
     */
    static List<AudioFrame> roomAudio(String bootstrap, String roomId) {
        return read(
                        bootstrap,
                        Topics.ROOM_AUDIO,
                        keyed(roomId),
                        seen ->
                                seen.stream()
                                        .anyMatch(
                                                r ->
                                                        frame(r).getMark()
                                                                == StreamMark.SESSION_ENDED))
                .stream()
                .map(TopicReader::frame)
                .toList();
    }

    static AudioFrame frame(ConsumerRecord<byte[], byte[]> record) {
        try {
            return AudioFrame.parseFrom(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records keyed by {@code roomId}. */
    static Predicate<ConsumerRecord<byte[], byte[]>> keyed(String roomId) {
        return r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(roomId);
    }
}
