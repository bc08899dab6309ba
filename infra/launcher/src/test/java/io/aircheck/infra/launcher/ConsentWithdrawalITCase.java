package io.aircheck.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.api.ApiConfig;
import io.aircheck.api.SearchApi;
import io.aircheck.api.export.VerifyBundleCommand;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.StreamJobs;
import io.aircheck.media.AudioEncoding;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.AudioFormat;
import io.aircheck.media.PcmAudio;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.ObjectWritten;
import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.RecordingConsentChanged;
import io.aircheck.protocol.v1.RecordingEvent;
import io.aircheck.protocol.v1.RecordingFinalized;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomClosed;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomOpened;
import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.protocol.v1.Visibility;
import io.aircheck.protocol.v1.Word;
import io.aircheck.storage.StoredObject;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.s3.S3ObjectStore;
import io.aircheck.storage.signing.SigningKeyFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A speaker withdraws consent after the room was recorded: their words are no longer found by a
 * researcher, the public mix (master and HLS) no longer holds their voice, and an auditor still
 * hears the compliance recording and exports everything, verified. Runs the timeline, indexer and
 * consent jobs (Flink local mode) and search-api on the embedded broker, S3 server and
 * Elasticsearch node; the recorder's output (tracks, master, {@code recording_finalized}) is seeded
 * as it documents it.
 */
class ConsentWithdrawalITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_795_000_000_000_000L;
    private static final String ROOM = "townhall";
    private static final String SESSION = "s-consent";
    private static final String RESEARCHER = "consent-researcher-secret-01";
    private static final String LISTENER = "consent-listener-secret-0001";
    private static final String AUDITOR = "consent-auditor-secret-00001";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir Path dir;

    @Test
    void aWithdrawnSpeakerLeavesSearchAndPublicReplayWhileTheAuditorKeepsEverything()
            throws Exception {
        String bucket = "consent-it-" + UUID.randomUUID().toString().substring(0, 8);
        Path key = dir.resolve("signing.key");
        SigningKeyFile.generate(key);
        SharedTestServers.kafka().createTopics(Topics.all(), 2);
        Map<String, String> env = new HashMap<>();
        env.put("AIRCHECK_KAFKA_BOOTSTRAP", SharedTestServers.kafka().bootstrapServers());
        env.put("AIRCHECK_S3_ENDPOINT", SharedTestServers.s3().endpoint().toString());
        env.put("AIRCHECK_S3_ACCESS_KEY", SharedTestServers.S3_ACCESS_KEY);
        env.put("AIRCHECK_S3_SECRET_KEY", SharedTestServers.S3_SECRET_KEY);
        env.put("AIRCHECK_S3_BUCKET", bucket);
        env.put("AIRCHECK_ES_URL", SharedTestServers.elasticsearch().url().toString());
        env.put("AIRCHECK_SIGNING_KEY_FILE", key.toString());
        env.put("AIRCHECK_JOBS", "timeline,indexer,consent");
        env.put("AIRCHECK_CHECKPOINT_DIR", dir.resolve("checkpoints").toUri().toString());
        env.put("AIRCHECK_CHECKPOINT_INTERVAL", "500ms");
        env.put("AIRCHECK_JOBS_PARALLELISM", "1");
        env.put("AIRCHECK_TIMELINE_LATE_GRACE", "1s");
        env.put("AIRCHECK_API_PORT", "0");
        env.put(
                "AIRCHECK_API_KEYS",
                "rex:researcher:"
                        + RESEARCHER
                        + ",lou:listener:"
                        + LISTENER
                        + ",ada:auditor:"
                        + AUDITOR);

        try (S3ObjectStore store = S3ObjectStore.connect(ApiConfig.fromEnv(env).s3());
                KafkaProducer<byte[], byte[]> log = producer()) {
            // the recorder's output: alice 440 Hz from 0 s to 3 s, bob 1000 Hz from 1 s to 4 s
            PcmAudio alice = tone(440, 3);
            PcmAudio bob = tone(1000, 3);
            StoredObject aliceTrack =
                    store.put(
                            ObjectKeys.track(ROOM, SESSION, "alice", "opus"),
                            AudioEncoding.encode(alice, AudioFormat.OGG_OPUS),
                            "audio/ogg");
            StoredObject bobTrack =
                    store.put(
                            ObjectKeys.track(ROOM, SESSION, "bob", "opus"),
                            AudioEncoding.encode(bob, AudioFormat.OGG_OPUS),
                            "audio/ogg");
            short[] both = new short[4 * 48_000];
            add(both, alice.samples(), 0);
            add(both, bob.samples(), 48_000);
            StoredObject master =
                    store.put(
                            ObjectKeys.mixMaster(ROOM, SESSION, MasterFormat.OPUS),
                            AudioEncoding.encode(
                                    new PcmAudio(both, 48_000, 1), AudioFormat.OGG_OPUS),
                            "audio/ogg");

            send(
                    log,
                    Topics.ROOM_EVENTS,
                    event(0, "e1")
                            .setRoomOpened(
                                    RoomOpened.newBuilder()
                                            .setTitle("Town hall")
                                            .setHostId("alice")
                                            .setVisibility(Visibility.PUBLIC))
                            .build()
                            .toByteArray());
            send(
                    log,
                    Topics.ROOM_EVENTS,
                    event(10, "e2")
                            .setParticipantJoined(
                                    ParticipantJoined.newBuilder()
                                            .setParticipantId("alice")
                                            .setDisplayName("Alice")
                                            .setRole(Role.SPEAKER))
                            .build()
                            .toByteArray());
            send(
                    log,
                    Topics.ROOM_EVENTS,
                    event(20, "e3")
                            .setParticipantJoined(
                                    ParticipantJoined.newBuilder()
                                            .setParticipantId("bob")
                                            .setDisplayName("Bob")
                                            .setRole(Role.SPEAKER))
                            .build()
                            .toByteArray());
            send(
                    log,
                    Topics.ROOM_TRANSCRIPTS,
                    segment("alice", 500_000, "the budget review is finished").toByteArray());
            send(
                    log,
                    Topics.ROOM_TRANSCRIPTS,
                    segment("bob", 1_500_000, "quarterly pineapple forecast").toByteArray());
            send(
                    log,
                    Topics.ROOM_EVENTS,
                    event(4_000_000, "e4")
                            .setRoomClosed(RoomClosed.newBuilder().setReason("ended"))
                            .build()
                            .toByteArray());
            send(
                    log,
                    Topics.ARCHIVE_RECORDINGS,
                    RecordingEvent.newBuilder()
                            .setRoomId(ROOM)
                            .setSessionId(SESSION)
                            .setWrittenAtMs(1)
                            .setRecordingFinalized(
                                    RecordingFinalized.newBuilder()
                                            .setStartUs(T0)
                                            .setEndUs(T0 + 4_000_000)
                                            .addObjects(written(master, 4_000_000, T0, ""))
                                            .addObjects(written(aliceTrack, 3_000_000, T0, "alice"))
                                            .addObjects(
                                                    written(
                                                            bobTrack,
                                                            3_000_000,
                                                            T0 + 1_000_000,
                                                            "bob")))
                            .build()
                            .toByteArray());
            log.flush();

            JobsConfig jobs = JobsConfig.fromEnv(env);
            StreamExecutionEnvironment flink =
                    StreamExecutionEnvironment.getExecutionEnvironment(
                            StreamJobs.flinkConfiguration(jobs));
            StreamJobs.wire(flink, jobs, StreamJobs.Connections.of(jobs));
            JobClient job = flink.executeAsync("consent-it");
            try (SearchApi api = SearchApi.start(ApiConfig.fromEnv(env))) {
                String base = "http://127.0.0.1:" + api.port();
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () ->
                                        hits(base, "pineapple", RESEARCHER) == 1
                                                && hits(base, "budget", RESEARCHER) == 1);
                String opus = "/api/rooms/" + ROOM + "/sessions/" + SESSION + "/recording.opus";
                assertThat(level(get(base + opus, LISTENER), 1000))
                        .as("before: bob in the public mix")
                        .isGreaterThan(1500);

                // bob withdraws his consent
                send(
                        log,
                        Topics.ROOM_EVENTS,
                        event(4_500_000, "e5")
                                .setRecordingConsentChanged(
                                        RecordingConsentChanged.newBuilder()
                                                .setParticipantId("bob")
                                                .setConsent(false))
                                .build()
                                .toByteArray());
                log.flush();

                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> hits(base, "pineapple", RESEARCHER) == 0);
                assertThat(hits(base, "budget", RESEARCHER)).as("alice's words stay").isEqualTo(1);
                assertThat(hits(base, "pineapple", AUDITOR))
                        .as("the auditor still finds them")
                        .isEqualTo(1);

                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () ->
                                        store.stat(
                                                        ObjectKeys.session(ROOM, SESSION)
                                                                + "mix/public/consent.json")
                                                .isPresent());
                // search-api notices the public copy within seconds (it remembers for 2 s that
                // there was none)
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> level(get(base + opus, LISTENER), 1000) < 100);
                byte[] publicMix = get(base + opus, LISTENER);
                assertThat(level(publicMix, 440)).as("alice is still there").isGreaterThan(1500);
                assertThat(level(hls(base), 1000)).as("and from the public HLS").isLessThan(100);
                byte[] compliance = get(base + opus, AUDITOR);
                assertThat(level(compliance, 1000))
                        .as("the auditor hears the compliance master")
                        .isGreaterThan(1500);

                // the auditor exports everything, bob's track and words included, and it verifies
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () ->
                                        store.stat(ObjectKeys.transcript(ROOM, SESSION, "json"))
                                                .isPresent());
                HttpResponse<String> created =
                        http.send(
                                request(base + "/api/exports", AUDITOR)
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"roomId\":\""
                                                                + ROOM
                                                                + "\",\"sessionId\":\""
                                                                + SESSION
                                                                + "\",\"caseReference\":\"CASE-CONSENT-1\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
                String id = JSON.readTree(created.body()).path("exportId").asText();
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () ->
                                        JSON.readTree(getText(base + "/api/exports/" + id, AUDITOR))
                                                .path("state")
                                                .asText()
                                                .equals("ready"));
                Path bundle = dir.resolve("bundle.tar");
                Files.write(bundle, get(base + "/api/exports/" + id + "/bundle.tar", AUDITOR));
                ByteArrayOutputStream report = new ByteArrayOutputStream();
                assertThat(
                                VerifyBundleCommand.run(
                                        new String[] {
                                            bundle.toString(),
                                            "--public-key",
                                            SigningKeyFile.publicFile(key).toString()
                                        },
                                        new PrintStream(report, true),
                                        System.err))
                        .as(report.toString())
                        .isZero();
                JsonNode manifest =
                        JSON.readTree(
                                get(
                                        base + "/api/exports/" + id + "/bundle-manifest.json",
                                        AUDITOR));
                assertThat(manifest.path("files").toString())
                        .contains(
                                "tracks/bob.opus",
                                "mix/room.opus",
                                "transcript.json",
                                "mix/public/room.opus",
                                "mix/public/consent.json");
                String transcript =
                        new String(
                                store.get(ObjectKeys.transcript(ROOM, SESSION, "json")),
                                StandardCharsets.UTF_8);
                assertThat(transcript).contains("quarterly pineapple forecast");
            } finally {
                job.cancel().get();
            }
        }
    }

    private long hits(String base, String q, String key) throws Exception {
        return JSON.readTree(
                        getText(
                                base
                                        + "/api/search?q="
                                        + URLEncoder.encode(q, StandardCharsets.UTF_8),
                                key))
                .path("hits")
                .size();
    }

    private byte[] hls(String base) throws Exception {
        String session = base + "/api/rooms/" + ROOM + "/sessions/" + SESSION + "/hls/";
        String playlist = getText(session + "playlist.m3u8", LISTENER);
        ByteArrayOutputStream media = new ByteArrayOutputStream();
        media.writeBytes(get(session + "init.mp4", LISTENER));
        playlist.lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(
                        l -> {
                            try {
                                media.writeBytes(
                                        get(session + l.replaceAll("\\?.*$", ""), LISTENER));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        return media.toByteArray();
    }

    private HttpRequest.Builder request(String url, String key) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key);
    }

    private byte[] get(String url, String key) throws Exception {
        HttpResponse<byte[]> r =
                http.send(request(url, key).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode())
                .as(url + ": " + new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return r.body();
    }

    private String getText(String url, String key) throws Exception {
        return new String(get(url, key), StandardCharsets.UTF_8);
    }

    /** The level of {@code hz} over the first 3 seconds of the decoded audio. */
    private static double level(byte[] encoded, double hz) throws Exception {
        short[] s = new AudioFileReader().read(encoded, 48_000, 1).samples();
        int n = Math.min(s.length, 3 * 48_000);
        double w = 2 * Math.PI * hz / 48_000;
        double c = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s0 = s[i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return Math.sqrt(2 * (s1 * s1 + s2 * s2 - c * s1 * s2)) / n;
    }

    private static PcmAudio tone(double hz, double seconds) {
        short[] s = new short[(int) (seconds * 48_000)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / 48_000));
        }
        return new PcmAudio(s, 48_000, 1);
    }

    private static void add(short[] into, short[] what, int at) {
        for (int i = 0; i < what.length && at + i < into.length; i++) {
            into[at + i] =
                    (short)
                            Math.max(
                                    Short.MIN_VALUE,
                                    Math.min(Short.MAX_VALUE, into[at + i] + what[i]));
        }
    }

    private static RoomEvent.Builder event(long atUs, String id) {
        return RoomEvent.newBuilder()
                .setRoomId(ROOM)
                .setSessionId(SESSION)
                .setEventId(id)
                .setTimestampUs(T0 + atUs)
                .setSource("consent-it");
    }

    private static TranscriptSegment segment(String speaker, long atUs, String text) {
        TranscriptSegment.Builder s =
                TranscriptSegment.newBuilder()
                        .setSegmentId(ROOM + ":" + SESSION + ":" + speaker + ":" + atUs)
                        .setRoomId(ROOM)
                        .setSessionId(SESSION)
                        .setParticipantId(speaker)
                        .setTrackId("mic")
                        .setStartUs(T0 + atUs)
                        .setEndUs(T0 + atUs + 1_500_000)
                        .setText(text)
                        .setLanguage("en")
                        .setEngine("test");
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i++) {
            s.addWords(
                    Word.newBuilder()
                            .setText(words[i])
                            .setStartUs(T0 + atUs + i * 300_000L)
                            .setEndUs(T0 + atUs + (i + 1) * 300_000L)
                            .setConfidence(0.9f));
        }
        return s.build();
    }

    private static ObjectWritten written(
            StoredObject o, long durationUs, long startUs, String participant) {
        return ObjectWritten.newBuilder()
                .setBucket(o.bucket())
                .setKey(o.key())
                .setSizeBytes(o.sizeBytes())
                .setSha256(o.sha256())
                .setDurationUs(durationUs)
                .setContentType("audio/ogg")
                .setStartUs(startUs)
                .setParticipantId(participant)
                .build();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", SharedTestServers.kafka().bootstrapServers());
        p.put("acks", "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) {
        producer.send(new ProducerRecord<>(topic, ROOM.getBytes(StandardCharsets.UTF_8), value));
    }
}
