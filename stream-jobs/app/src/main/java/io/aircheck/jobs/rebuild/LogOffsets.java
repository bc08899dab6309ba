package io.aircheck.jobs.rebuild;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Offsets in the log, per partition ({@code topic-partition} keys): where topics start and end,
 * where a consumer group has got, and whether a group has consumed everything up to an offset
 * (transaction markers past its last record count as consumed).
 */
final class LogOffsets implements AutoCloseable {
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;

    LogOffsets(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        this.admin = Admin.create(p);
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("isolation.level", "read_committed");
        c.put("enable.auto.commit", "false");
        this.probe =
                new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    Map<String, Long> start(Collection<String> topics) throws Exception {
        return offsets(topics, OffsetSpec.earliest());
    }

    Map<String, Long> end(Collection<String> topics) throws Exception {
        return offsets(topics, OffsetSpec.latest());
    }

    /** The group's committed offsets (next record to read), per partition it has committed. */
    Map<String, Long> committed(String group) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<String, Long> out = new HashMap<>();
        offsets.forEach(
                (tp, om) -> {
                    if (om != null) {
                        out.put(key(tp), om.offset());
                    }
                });
        return out;
    }

    /**
     * Whether {@code position} has consumed every record before {@code target} on every partition.
     */
    boolean reached(Map<String, Long> position, Map<String, Long> start, Map<String, Long> target) {
        for (Map.Entry<String, Long> partition : target.entrySet()) {
            long at =
                    position.getOrDefault(
                            partition.getKey(), start.getOrDefault(partition.getKey(), 0L));
            if (at < partition.getValue()
                    && hasRecordsBetween(partition.getKey(), at, partition.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Whether any committed record lies in [from, to) (not just transaction markers). */
    private boolean hasRecordsBetween(String partition, long from, long to) {
        TopicPartition tp = parse(partition);
        probe.assign(List.of(tp));
        probe.seek(tp, from);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            var records = probe.poll(Duration.ofMillis(100));
            if (records.records(tp).stream().anyMatch(r -> r.offset() < to)) {
                return true;
            }
            if (probe.position(tp) >= to) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Long> offsets(Collection<String> topics, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        var descriptions = admin.describeTopics(topics).allTopicNames().get();
        descriptions.forEach(
                (topic, d) ->
                        d.partitions()
                                .forEach(
                                        p ->
                                                request.put(
                                                        new TopicPartition(topic, p.partition()),
                                                        spec)));
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(e -> key(e.getKey()), e -> e.getValue().offset()));
    }

    private static String key(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition();
    }

    private static TopicPartition parse(String key) {
        int dash = key.lastIndexOf('-');
        return new TopicPartition(
                key.substring(0, dash), Integer.parseInt(key.substring(dash + 1)));
    }

    @Override
    public void close() {
        probe.close();
        admin.close();
    }
}
