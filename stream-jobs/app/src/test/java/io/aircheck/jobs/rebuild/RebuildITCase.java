package io.aircheck.jobs.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonData;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.StreamJobs;
import io.aircheck.jobs.TestEnvironment;
import io.aircheck.jobs.io.ElasticsearchCatalogFactory;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AuditAction;
import io.aircheck.protocol.v1.AuditEvent;
import io.aircheck.protocol.v1.AuditOutcome;
import io.aircheck.protocol.v1.HandRaised;
import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.ParticipantLeft;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomClosed;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomOpened;
import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.RoomCatalog;
import io.aircheck.storage.RoomQuery;
import io.aircheck.storage.audit.AuditChain;
import io.aircheck.storage.audit.AuditEntry;
import io.aircheck.storage.audit.AuditFiles;
import io.aircheck.storage.index.ElasticsearchAuditIndex;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.Indexes;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.s3.S3ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rebuild against the real broker, S3 server and Elasticsearch node, with the live timeline job
 * running beside it: the rebuilt rooms index equals the live one document by document, the derived
 * files are the same, search answers all through the rebuild, and live traffic that arrives during
 * it lands in the rebuilt index.
 */
class RebuildITCase {
    private static final long T0 = 1_764_100_000_000_000L;

    @TempDir Path checkpoints;

    @Test
    void rebuiltProjectionsEqualTheLiveOnesAndSearchKeepsAnswering() throws Exception {
        String kafka = SharedTestServers.kafka().bootstrapServers();
        Map<String, String> env = TestEnvironment.of("rebuild-it", checkpoints);
        env.put("AIRCHECK_JOBS", "timeline,indexer,audit");
        env.put("AIRCHECK_AUDIT_BATCH_SIZE", "4");
        env.put("AIRCHECK_AUDIT_FLUSH", "500ms");
        env.put("AIRCHECK_TIMELINE_FLUSH", "500ms");
        JobsConfig config = JobsConfig.fromEnv(env);
        ElasticsearchClient es = ElasticsearchClients.connect(config.elasticsearch());
        IndexBootstrap.ensure(es, Indexes.ROOMS);
        RoomCatalog catalog = new ElasticsearchCatalogFactory(config.elasticsearch()).open();

        try (KafkaProducer<byte[], byte[]> producer = producer(kafka);
                ObjectStore store = S3ObjectStore.connect(config.s3())) {
            for (int room = 0; room < 3; room++) {
                writeRoom(producer, "rebuild-" + room, room == 1, room < 2);
            }
            for (int i = 0; i < 10; i++) {
                producer.send(
                        new ProducerRecord<>(Topics.ARCHIVE_AUDIT, auditEvent(i).toByteArray()));
            }
            producer.flush();

            StreamExecutionEnvironment flink =
                    StreamExecutionEnvironment.createLocalEnvironment(
                            StreamJobs.flinkConfiguration(config));
            StreamJobs.wire(flink, config, StreamJobs.Connections.of(config));
            JobClient live = flink.executeAsync("live timeline");
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () -> {
                                    catalog.refresh();
                                    return catalog.get("rebuild-1", "s")
                                                    .map(r -> !r.live())
                                                    .orElse(false)
                                            && catalog.get("rebuild-2", "s").isPresent()
                                            && store.stat(ObjectKeys.timeline("rebuild-1", "s"))
                                                    .isPresent()
                                            && documents(es, Indexes.TRANSCRIPTS.alias()).size()
                                                    >= 3
                                            && archivedAuditEvents(store)
                                                    .containsAll(ourAuditEvents());
                                });
                Thread.sleep(
                        2_000); // the live job's last checkpoint: everything it has is in the index
                String liveIndex = IndexBootstrap.aliasTargets(es, Indexes.ROOMS.alias()).get(0);
                String liveTranscripts =
                        IndexBootstrap.aliasTargets(es, Indexes.TRANSCRIPTS.alias()).get(0);
                byte[] timelineBefore = store.get(ObjectKeys.timeline("rebuild-1", "s"));
                Map<String, String> auditBefore =
                        documents(es, ElasticsearchAuditIndex.AUDIT.alias());
                byte[] eventLogBefore = store.get(ObjectKeys.eventLog("rebuild-1", "s"));

                // search keeps answering while the rebuild runs; a new room goes live meanwhile
                AtomicBoolean rebuilding = new AtomicBoolean(true);
                AtomicInteger searches = new AtomicInteger();
                List<String> searchFailures = new ArrayList<>();
                Thread searcher =
                        new Thread(
                                () -> {
                                    while (rebuilding.get()) {
                                        try {
                                            if (catalog.list(RoomQuery.all()).total() < 3) {
                                                searchFailures.add("fewer than 3 rooms listed");
                                            }
                                            searches.incrementAndGet();
                                            Thread.sleep(50);
                                        } catch (Exception e) {
                                            searchFailures.add(e.toString());
                                        }
                                    }
                                });
                searcher.start();
                Thread traffic =
                        new Thread(
                                () -> {
                                    try {
                                        Thread.sleep(300);
                                        writeRoom(producer, "rebuild-during", false, true);
                                        producer.flush();
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                });
                traffic.start();
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                ProjectionRebuild.Result result =
                        ProjectionRebuild.run(
                                config,
                                ProjectionRebuild.allPlans(),
                                new PrintStream(printed, true));
                traffic.join();
                rebuilding.set(false);
                searcher.join();

                assertThat(searchFailures).isEmpty();
                assertThat(searches.get()).isGreaterThan(5);
                assertThat(printed.toString()).contains("100%", "ETA", "aliases moved");
                String rebuiltIndex = result.rebuilt().get("rooms");
                assertThat(IndexBootstrap.aliasTargets(es, Indexes.ROOMS.alias()))
                        .containsExactly(rebuiltIndex);
                assertThat(result.replaced().get("rooms")).containsExactly(liveIndex);

                // the room that went live during the rebuild is in the rebuilt index
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> {
                                    catalog.refresh();
                                    return catalog.get("rebuild-during", "s")
                                            .map(r -> !r.live())
                                            .orElse(false);
                                });
                // every document the live job had written is in the rebuilt index, the same
                Map<String, String> before = documents(es, liveIndex);
                Map<String, String> after = documents(es, rebuiltIndex);
                before.keySet().removeIf(id -> id.startsWith("rebuild-during"));
                assertThat(before).isNotEmpty();
                for (Map.Entry<String, String> doc : before.entrySet()) {
                    assertThat(after.get(doc.getKey())).as(doc.getKey()).isEqualTo(doc.getValue());
                }
                // and the transcripts index too
                Map<String, String> transcriptsBefore = documents(es, liveTranscripts);
                Map<String, String> transcriptsAfter =
                        documents(es, result.rebuilt().get("transcripts"));
                transcriptsBefore.keySet().removeIf(id -> id.startsWith("rebuild-during"));
                assertThat(transcriptsBefore).hasSizeGreaterThanOrEqualTo(3);
                for (Map.Entry<String, String> doc : transcriptsBefore.entrySet()) {
                    assertThat(transcriptsAfter.get(doc.getKey()))
                            .as(doc.getKey())
                            .isEqualTo(doc.getValue());
                }
                assertThat(IndexBootstrap.aliasTargets(es, Indexes.TRANSCRIPTS.alias()))
                        .containsExactly(result.rebuilt().get("transcripts"));
                // and the audit index, from the trail archived in the bucket
                Map<String, String> auditTrail = trailDocumentIds(store);
                Map<String, String> auditAfter = documents(es, result.rebuilt().get("audit"));
                assertThat(auditAfter.keySet()).isEqualTo(auditTrail.keySet());
                assertThat(IndexBootstrap.aliasTargets(es, ElasticsearchAuditIndex.AUDIT.alias()))
                        .containsExactly(result.rebuilt().get("audit"));
                for (String id : auditTrail.keySet()) {
                    assertThat(auditAfter.get(id)).as(id).isEqualTo(auditBefore.get(id));
                }
                assertThat(printed.toString()).contains("audit index rebuilt from");
                assertThat(store.get(ObjectKeys.timeline("rebuild-1", "s")))
                        .isEqualTo(timelineBefore);
                assertThat(store.get(ObjectKeys.eventLog("rebuild-1", "s")))
                        .isEqualTo(eventLogBefore);
            } finally {
                live.cancel().get();
                es.close();
            }
        }
    }

    private static AuditEvent auditEvent(int i) {
        return AuditEvent.newBuilder()
                .setEventId("rebuild-it-audit-" + i)
                .setAtMs(1_790_000_000_000L + i)
                .setActor("rebuild-it-auditor")
                .setActorRole("auditor")
                .setCredential("key")
                .setAction(AuditAction.ACTION_SEARCH)
                .setOutcome(AuditOutcome.OUTCOME_OK)
                .setStatus(200)
                .setOrigin("127.0.0.1")
                .setService("search-api@rebuild-it")
                .build();
    }

    private static List<String> ourAuditEvents() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(auditEvent(i).getEventId());
        }
        return ids;
    }

    /** The event ids of every entry archived in the bucket's audit trail. */
    private static List<String> archivedAuditEvents(ObjectStore store) {
        List<String> ids = new ArrayList<>();
        for (var info : store.list(AuditChain.BATCHES)) {
            for (AuditEntry e : AuditFiles.readBatch(store.get(info.key())).entries()) {
                if (e.record() != null) {
                    ids.add(e.record().eventId());
                }
            }
        }
        return ids;
    }

    /** The audit index ids ("partition-offset") the bucket's trail holds, to their batch keys. */
    private static Map<String, String> trailDocumentIds(ObjectStore store) {
        Map<String, String> ids = new TreeMap<>();
        for (var info : store.list(AuditChain.BATCHES)) {
            for (AuditEntry e : AuditFiles.readBatch(store.get(info.key())).entries()) {
                if (e.record() != null) {
                    ids.put(e.partition() + "-" + e.offset(), info.key());
                }
            }
        }
        return ids;
    }

    /** Every document of an index, id to source JSON. */
    private static Map<String, String> documents(ElasticsearchClient es, String index)
            throws Exception {
        es.indices().refresh(r -> r.index(index));
        Map<String, String> docs = new TreeMap<>();
        es.search(s -> s.index(index).size(1000), JsonData.class)
                .hits()
                .hits()
                .forEach(h -> docs.put(h.id(), h.source().toJson().toString()));
        return docs;
    }

    /** A room with a speaker and a listener; {@code shuffled}: events out of order and repeated. */
    private static void writeRoom(
            KafkaProducer<byte[], byte[]> producer, String room, boolean shuffled, boolean close) {
        List<RoomEvent> events =
                new ArrayList<>(
                        List.of(
                                event(room, 0, "open")
                                        .setRoomOpened(
                                                RoomOpened.newBuilder()
                                                        .setTitle("Room " + room)
                                                        .setHostId("alice"))
                                        .build(),
                                event(room, 1_000, "a-in")
                                        .setParticipantJoined(
                                                ParticipantJoined.newBuilder()
                                                        .setParticipantId("alice")
                                                        .setDisplayName("Alice")
                                                        .setRole(Role.SPEAKER))
                                        .build(),
                                event(room, 2_000, "b-in")
                                        .setParticipantJoined(
                                                ParticipantJoined.newBuilder()
                                                        .setParticipantId("bob")
                                                        .setDisplayName("Bob"))
                                        .build(),
                                event(room, 3_000, "b-hand")
                                        .setHandRaised(
                                                HandRaised.newBuilder().setParticipantId("bob"))
                                        .build(),
                                event(room, 9_000, "b-out")
                                        .setParticipantLeft(
                                                ParticipantLeft.newBuilder()
                                                        .setParticipantId("bob"))
                                        .build()));
        if (close) {
            events.add(
                    event(room, 12_000, "close")
                            .setRoomClosed(RoomClosed.newBuilder().setReason("done"))
                            .build());
        }
        if (shuffled) {
            events.add(events.get(2)); // a repeat
            java.util.Collections.swap(events, 3, 4); // the hand after the leave
            java.util.Collections.swap(events, 1, 2); // bob before alice
        }
        for (RoomEvent e : events) {
            producer.send(
                    new ProducerRecord<>(Topics.ROOM_EVENTS, room.getBytes(), e.toByteArray()));
        }
        TranscriptSegment said =
                TranscriptSegment.newBuilder()
                        .setSegmentId(room + "-1")
                        .setRoomId(room)
                        .setSessionId("s")
                        .setParticipantId("alice")
                        .setStartUs(T0 + 4_000_000)
                        .setEndUs(T0 + 7_000_000)
                        .setText("hello everyone")
                        .build();
        producer.send(
                new ProducerRecord<>(Topics.ROOM_TRANSCRIPTS, room.getBytes(), said.toByteArray()));
    }

    private static RoomEvent.Builder event(String room, long offsetMs, String id) {
        return RoomEvent.newBuilder()
                .setRoomId(room)
                .setSessionId("s")
                .setEventId(room + "-" + id)
                .setTimestampUs(T0 + offsetMs * 1000);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        return new KafkaProducer<>(
                p,
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }
}
