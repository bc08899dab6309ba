package io.aircheck.jobs.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.StreamJobs;
import io.aircheck.jobs.TestEnvironment;
import io.aircheck.jobs.transcriber.testing.SpokenTrack;
import io.aircheck.jobs.transcriber.testing.TestRooms;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.DeadLetter;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.Indexes;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.s3.S3ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
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
 * The transcriber and the indexer on a Flink MiniCluster against the real embedded broker, S3
 * server and Elasticsearch node, with the real Vosk engine: a room of four espeak-ng speakers
 * (different voices, taking turns and talking over each other) plus a noise track and a music track
 * goes into the log; what people then find is checked: key phrases by search with the right speaker
 * and time, speaker and time filters returning exactly the segments of the log, no segments from
 * noise or music, the consent and visibility of the timeline, the transcript files at room close,
 * and a refused segment in the dead-letter topic.
 */
class TranscriptionITCase {
    private static final long T0 = 1_765_000_000_000_000L;
    private static final String ROOM = "tx-room";
    private static final String SESSION = "20251206T055320000Z";
    private static final int RATE = 48_000;

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path checkpoints;
    @TempDir Path work;

    @Test
    void everyWordSpokenIsSearchableAttributedAndTimed() throws Exception {
        Map<String, String> env = TestEnvironment.of("transcripts-it", checkpoints);
        env.put("AIRCHECK_JOBS", "transcriber,indexer");
        JobsConfig config = JobsConfig.fromEnv(env);
        ElasticsearchClient es = ElasticsearchClients.connect(config.elasticsearch());
        IndexBootstrap.ensure(es, Indexes.TRANSCRIPTS);

        double seconds = TestRooms.ROOM_SECONDS;
        List<SpokenTrack> tracks =
                List.of(
                        SpokenTrack.speak("alice", TestRooms.ALICE, seconds, RATE, work),
                        SpokenTrack.speak("bob", TestRooms.BOB, seconds, RATE, work),
                        SpokenTrack.speak("carol", TestRooms.CAROL, seconds, RATE, work),
                        SpokenTrack.speak("dave", TestRooms.DAVE, seconds, RATE, work),
                        SpokenTrack.synth(
                                "hiss",
                                seconds,
                                RATE,
                                work,
                                "synth",
                                "22",
                                "pinknoise",
                                "vol",
                                "0.2"),
                        SpokenTrack.synth(
                                "dj", seconds, RATE, work, "synth", "0.4", "pluck", "C4", ":",
                                "synth", "0.4", "pluck", "E4", ":", "synth", "0.4", "pluck", "G4",
                                ":", "synth", "2", "sine", "440", "sine", "660", "tremolo", "5",
                                "60", ":", "synth", "0.8", "pluck", "C5"));
        TranscribedRoom room =
                new TranscribedRoom(
                        ROOM,
                        SESSION,
                        T0,
                        "Quarterly planning",
                        tracks,
                        Map.of(
                                "alice",
                                "Alice Archer",
                                "bob",
                                "Bob Baker",
                                "carol",
                                "Carol Cruz",
                                "dave",
                                "Dave Dunn"),
                        List.of("dave"));
        String kafka = config.kafka().bootstrapServers();
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            for (RoomEvent e : room.events()) {
                send(producer, Topics.ROOM_EVENTS, e.toByteArray());
            }
            for (AudioFrame f : room.audio()) {
                send(producer, Topics.ROOM_AUDIO, f.toByteArray());
            }
            send(
                    producer,
                    Topics.ROOM_TRANSCRIPTS,
                    "not a segment".getBytes(StandardCharsets.UTF_8));
            producer.flush();
        }

        StreamExecutionEnvironment flink =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        StreamJobs.flinkConfiguration(config));
        StreamJobs.wire(flink, config, StreamJobs.Connections.of(config));
        JobClient job = flink.executeAsync("transcription-it");
        try (ObjectStore store = S3ObjectStore.connect(config.s3())) {
            String json = ObjectKeys.transcript(ROOM, SESSION, "json");
            // every line of the script ends up as a segment starting where it was said (the
            // room's close comes long before the last utterances are recognized: the transcript
            // files are written at the close and again with every later segment)
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () ->
                                    everyLineTranscribed(
                                            segmentsInLog(kafka, Duration.ofSeconds(1)), tracks));
            List<TranscriptSegment> logged = segmentsInLog(kafka, Duration.ofSeconds(3));
            Set<String> ids = new HashSet<>();
            logged.forEach(
                    s ->
                            assertThat(ids.add(s.getSegmentId()))
                                    .as("once: " + s.getSegmentId())
                                    .isTrue());
            assertThat(logged)
                    .extracting(TranscriptSegment::getParticipantId)
                    .doesNotContain("hiss", "dj")
                    .contains("alice", "bob", "carol", "dave");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> search(es, all()).size() == logged.size());
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    store.stat(json).isPresent()
                                            && new String(store.get(json), StandardCharsets.UTF_8)
                                                                    .split("\"segmentId\"")
                                                                    .length
                                                            - 1
                                                    == logged.size());

            // key phrases: found, attributed, timed within 0.5 s of where they were said
            keyPhrase(
                    es,
                    "we should discuss the marketing plan",
                    "alice",
                    "Alice Archer",
                    TestRooms.ALICE.get(1).atSeconds());
            keyPhrase(
                    es,
                    "solar panels on the roof",
                    "bob",
                    "Bob Baker",
                    TestRooms.BOB.get(0).atSeconds());
            keyPhrase(
                    es,
                    "my favorite city is barcelona",
                    "carol",
                    "Carol Cruz",
                    TestRooms.CAROL.get(0).atSeconds());
            keyPhrase(es, "the train", "dave", "Dave Dunn", TestRooms.DAVE.get(0).atSeconds());

            // the English analyzer stems, the exact sub-field does not
            assertThat(search(es, phrase("text", "discussing the marketing plans"))).hasSize(1);
            assertThat(search(es, phrase("text.exact", "discussing the marketing plans")))
                    .isEmpty();
            // a phrase said by alice, filtered to bob: nothing
            assertThat(
                            search(
                                    es,
                                    and(
                                            phrase("text", "marketing plan"),
                                            term("participantId", "bob"))))
                    .isEmpty();

            // speaker filter: exactly bob's segments of the log
            assertThat(ids(search(es, and(term("roomId", ROOM), term("participantId", "bob")))))
                    .containsExactlyInAnyOrderElementsOf(
                            logged.stream()
                                    .filter(s -> s.getParticipantId().equals("bob"))
                                    .map(TranscriptSegment::getSegmentId)
                                    .toList());
            // time range: exactly the segments of the log that start between 10 s and 16 s
            long from = T0 / 1000 + 10_000;
            long to = T0 / 1000 + 16_000;
            assertThat(ids(search(es, and(term("roomId", ROOM), range("startMs", from, to)))))
                    .containsExactlyInAnyOrderElementsOf(
                            logged.stream()
                                    .filter(
                                            s ->
                                                    s.getStartUs() / 1000 >= from
                                                            && s.getStartUs() / 1000 < to)
                                    .map(TranscriptSegment::getSegmentId)
                                    .toList())
                    .isNotEmpty();

            // the timeline's consent and visibility on every document
            for (Hit<Map> hit : search(es, term("roomId", ROOM))) {
                Map<?, ?> doc = hit.source();
                assertThat(doc.get("visibility")).isEqualTo("PUBLIC");
                assertThat(doc.get("roomTitle")).isEqualTo("Quarterly planning");
                assertThat(doc.get("consent")).isEqualTo(!"dave".equals(doc.get("participantId")));
            }

            // the transcript files: every segment, with names, in order
            String vtt =
                    new String(
                            store.get(ObjectKeys.transcript(ROOM, SESSION, "vtt")),
                            StandardCharsets.UTF_8);
            assertThat(vtt)
                    .startsWith("WEBVTT")
                    .contains("<v Alice Archer>", "<v Bob Baker>", "<v Carol Cruz>");
            assertThat(vtt.split("-->").length - 1).isEqualTo(logged.size());
            String transcript = new String(store.get(json), StandardCharsets.UTF_8);
            assertThat(transcript)
                    .contains(
                            "\"sessionId\" : \"" + SESSION + "\"",
                            "\"speakerName\" : \"Dave Dunn\"");

            // the record that was no segment
            DeadLetter dead = deadLetter(kafka);
            assertThat(dead.getReason()).startsWith("not a TranscriptSegment");
            assertThat(dead.getRejectedBy()).isEqualTo("indexer-job");
        } finally {
            job.cancel().get();
        }
    }

    private static void keyPhrase(
            ElasticsearchClient es,
            String phrase,
            String speaker,
            String name,
            double saidAtSeconds)
            throws Exception {
        List<Hit<Map>> hits = search(es, and(term("roomId", ROOM), phrase("text", phrase)));
        assertThat(hits).as("hits for '%s'", phrase).hasSize(1);
        Map<?, ?> doc = hits.get(0).source();
        assertThat(doc.get("participantId")).isEqualTo(speaker);
        assertThat(doc.get("speakerName")).isEqualTo(name);
        long saidMs = T0 / 1000 + Math.round(saidAtSeconds * 1000);
        String first = phrase.split(" ")[0];
        List<?> words = (List<?>) doc.get("words");
        long heardMs =
                words.stream()
                        .map(w -> (Map<?, ?>) w)
                        .filter(w -> first.equals(w.get("text")))
                        .mapToLong(w -> ((Number) w.get("startMs")).longValue())
                        .filter(ms -> Math.abs(ms - saidMs) <= 2_000)
                        .findFirst()
                        .orElseThrow();
        assertThat(Math.abs(heardMs - saidMs))
                .as("'%s' heard at %d, said at %d", phrase, heardMs, saidMs)
                .isLessThanOrEqualTo(500);
        assertThat(Math.abs(((Number) doc.get("startMs")).longValue() - saidMs))
                .isLessThanOrEqualTo(500);
    }

    private static Query all() {
        return term("roomId", ROOM);
    }

    private static Query phrase(String field, String text) {
        return Query.of(q -> q.matchPhrase(m -> m.field(field).query(text)));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query range(String field, long from, long to) {
        return Query.of(
                q ->
                        q.range(
                                r ->
                                        r.number(
                                                n ->
                                                        n.field(field)
                                                                .gte((double) from)
                                                                .lt((double) to))));
    }

    private static Query and(Query... filters) {
        return Query.of(q -> q.bool(b -> b.filter(List.of(filters))));
    }

    @SuppressWarnings("rawtypes")
    private static List<Hit<Map>> search(ElasticsearchClient es, Query query) throws Exception {
        es.indices().refresh(r -> r.index(Indexes.TRANSCRIPTS.alias()));
        SearchResponse<Map> response =
                es.search(
                        s -> s.index(Indexes.TRANSCRIPTS.alias()).query(query).size(200),
                        Map.class);
        return response.hits().hits();
    }

    private static List<String> ids(List<Hit<Map>> hits) {
        return hits.stream().map(Hit::id).toList();
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "20");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) {
        producer.send(new ProducerRecord<>(topic, ROOM.getBytes(StandardCharsets.UTF_8), value));
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(
            String bootstrap, String topic, Duration wait) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "tx-it-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records.stream()
                .filter(r -> ROOM.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .toList();
    }

    private static boolean everyLineTranscribed(
            List<TranscriptSegment> segments, List<SpokenTrack> tracks) {
        for (SpokenTrack track : tracks) {
            for (double at : track.speechStartSeconds()) {
                long saidUs = T0 + Math.round(at * 1e6);
                boolean found =
                        segments.stream()
                                .anyMatch(
                                        s ->
                                                s.getParticipantId().equals(track.participantId())
                                                        && Math.abs(s.getStartUs() - saidUs)
                                                                <= 500_000);
                if (!found) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<TranscriptSegment> segmentsInLog(String kafka, Duration wait)
            throws Exception {
        List<TranscriptSegment> segments = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : read(kafka, Topics.ROOM_TRANSCRIPTS, wait)) {
            try {
                segments.add(TranscriptSegment.parseFrom(r.value()));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                // the deliberately bad record
            }
        }
        return segments.stream().filter(s -> s.getSessionId().equals(SESSION)).toList();
    }

    private static DeadLetter deadLetter(String kafka) throws Exception {
        for (ConsumerRecord<byte[], byte[]> r :
                read(kafka, Topics.deadLetter(Topics.ROOM_TRANSCRIPTS), Duration.ofSeconds(3))) {
            return DeadLetter.parseFrom(r.value());
        }
        throw new AssertionError("no dead letter on room.transcripts.dlq");
    }
}
