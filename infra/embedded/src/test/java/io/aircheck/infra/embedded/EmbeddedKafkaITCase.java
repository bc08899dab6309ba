package io.aircheck.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaITCase {

    private static final String TOPIC = "room.events";

    @TempDir Path dataDir;

    @Test
    void recordsSurviveARestartOnTheSameDirectoryAndPort() throws Exception {
        int port;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            port = Integer.parseInt(kafka.bootstrapServers().substring("127.0.0.1:".length()));
            kafka.createTopics(List.of(TOPIC), 2);
            kafka.createTopics(List.of(TOPIC, "room.audio"), 2); // idempotent, adds the missing one

            assertThat(topics(kafka)).containsEntry(TOPIC, 2).containsEntry("room.audio", 2);
            assertThat(retention(kafka, TOPIC))
                    .containsEntry("retention.ms", "-1")
                    .containsEntry("retention.bytes", "-1");

            produce(kafka, 10);
            assertThat(consumeAll(kafka, 10))
                    .hasSize(10)
                    .allMatch(r -> r.value().startsWith("opened "));
        }

        try (EmbeddedKafka again = EmbeddedKafka.start(dataDir, port)) {
            assertThat(again.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(consumeAll(again, 10))
                    .extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder(expectedValues(10).toArray(String[]::new));
            assertThat(topics(again)).containsEntry(TOPIC, 2);
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, taken.getLocalPort()))
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageContaining("Kafka")
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    private static void produce(EmbeddedKafka kafka, int count) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "room-" + (i % 3), "opened " + i))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> expectedValues(int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add("opened " + i);
        }
        return values;
    }

    private static List<ConsumerRecord<String, String>> consumeAll(
            EmbeddedKafka kafka, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static Map<String, Integer> topics(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<String, TopicDescription> all =
                    admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get();
            Map<String, Integer> partitions = new java.util.TreeMap<>();
            all.forEach((name, d) -> partitions.put(name, d.partitions().size()));
            return partitions;
        }
    }

    private static Map<String, String> retention(EmbeddedKafka kafka, String topic)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return Map.of(
                    "retention.ms", config.get("retention.ms").value(),
                    "retention.bytes", config.get("retention.bytes").value());
        }
    }
}
