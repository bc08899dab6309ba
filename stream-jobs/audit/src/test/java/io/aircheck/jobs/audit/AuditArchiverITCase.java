package io.aircheck.jobs.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.config.KafkaSettings;
import io.aircheck.config.S3Settings;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.jobs.audit.io.ElasticsearchAuditIndexFactory;
import io.aircheck.protocol.v1.AuditAction;
import io.aircheck.protocol.v1.AuditEvent;
import io.aircheck.protocol.v1.AuditOutcome;
import io.aircheck.protocol.v1.DeadLetter;
import io.aircheck.storage.audit.AuditArchive;
import io.aircheck.storage.audit.AuditIndex;
import io.aircheck.storage.audit.AuditPage;
import io.aircheck.storage.audit.AuditQuery;
import io.aircheck.storage.audit.AuditVerification;
import io.aircheck.storage.index.ElasticsearchAuditIndex;
import io.aircheck.storage.index.IndexDefinition;
import io.aircheck.storage.s3.S3ObjectStore;
import io.aircheck.storage.signing.SigningKeyFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archiver on a MiniCluster against the embedded broker, S3 server and Elasticsearch node:
 * events in {@code archive.audit} end up in signed, chained batches that verify, searchable in the
 * audit index; a record that is not an event is dead-lettered and keeps its place in the trail.
 */
class AuditArchiverITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path dir;

    @Test
    void eventsAreArchivedInVerifiableBatchesAndIndexed() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "archive.audit.it-" + id;
        String bootstrap = SharedTestServers.kafka().bootstrapServers();
        SharedTestServers.kafka().createTopics(List.of(topic, topic + ".dlq"), 2);
        S3Settings s3 =
                new S3Settings(
                        SharedTestServers.s3().endpoint(),
                        SharedTestServers.S3_ACCESS_KEY,
                        SharedTestServers.S3_SECRET_KEY,
                        "audit-it-" + id,
                        "us-east-1");
        ElasticsearchSettings es =
                new ElasticsearchSettings(SharedTestServers.elasticsearch().url(), "", "");
        IndexDefinition alias = ElasticsearchAuditIndex.AUDIT.withAlias("audit-it-" + id);
        Path keyFile = dir.resolve("signing.key");
        SigningKeyFile.generate(keyFile);
        SigningKeyFile key = new SigningKeyFile(keyFile.toString());

        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < 30; i++) {
                String actor = i % 3 == 0 ? "ann" : i % 3 == 1 ? "rita" : "lena";
                AuditEvent e =
                        AuditEvent.newBuilder()
                                .setEventId("ev-" + i)
                                .setAtMs(1_790_000_000_000L + i)
                                .setActor(actor)
                                .setActorRole("auditor")
                                .setCredential("key")
                                .setAction(
                                        i % 10 == 0
                                                ? AuditAction.ACTION_EXPORT
                                                : AuditAction.ACTION_SEARCH)
                                .setOutcome(AuditOutcome.OUTCOME_OK)
                                .setStatus(200)
                                .setCaseReference(i % 10 == 0 ? "CASE-" + i : "")
                                .setOrigin("127.0.0.1")
                                .setService("search-api@it")
                                .setResource("GET /api/search")
                                .setDetail("q=budget")
                                .build();
                producer.send(
                        new ProducerRecord<>(
                                topic, actor.getBytes(StandardCharsets.UTF_8), e.toByteArray()));
            }
            producer.send(
                    new ProducerRecord<>(
                            topic,
                            "ann".getBytes(StandardCharsets.UTF_8),
                            "not protobuf at all".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }

        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        AuditArchiverJob.wire(
                env,
                new KafkaSettings(bootstrap),
                topic,
                () -> S3ObjectStore.connect(s3),
                new ElasticsearchAuditIndexFactory(es, alias),
                new AuditSettings(8, 300, key));
        JobClient job = env.executeAsync("audit-it");
        try (S3ObjectStore store = S3ObjectStore.connect(s3)) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(300))
                    .until(
                            () ->
                                    AuditArchive.open(store, null)
                                            .head()
                                            .map(h -> h.entries() == 31)
                                            .orElse(false));
            AuditVerification v = AuditArchive.verify(store, key.load().verifier());
            assertThat(v.problems()).isEmpty();
            assertThat(v.entries()).isEqualTo(31);
            assertThat(v.batches()).isGreaterThanOrEqualTo(4);

            AuditIndex index = new ElasticsearchAuditIndexFactory(es, alias).open();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> {
                                index.refresh();
                                assertThat(
                                                index.search(
                                                                new AuditQuery(
                                                                        null, null, null, null,
                                                                        null, null, null, null,
                                                                        null, null, 100))
                                                        .items())
                                        .hasSize(30);
                            });
            AuditPage exports =
                    index.search(
                            new AuditQuery(
                                    null, "export", null, null, null, null, "CASE-10", null, null,
                                    null, 10));
            assertThat(exports.items())
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.record().actor()).isEqualTo("rita");
                                assertThat(e.record().eventId()).isEqualTo("ev-10");
                            });
            ((AutoCloseable) index).close();

            List<ConsumerRecord<byte[], byte[]>> dead = read(bootstrap, topic + ".dlq", 1);
            DeadLetter letter = DeadLetter.parseFrom(dead.get(0).value());
            assertThat(letter.getReason()).startsWith("not an AuditEvent");
            assertThat(letter.getRejectedBy()).isEqualTo(AuditArchiverJob.NAME);
        } finally {
            job.cancel().get();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(
            String bootstrap, String topic, int atLeast) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "it-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                                return out.size() >= atLeast;
                            });
        }
        return out;
    }
}
