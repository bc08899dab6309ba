package io.aircheck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.config.S3Settings;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.jobs.io.ElasticsearchCatalogFactory;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.PcmAudio;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.DeadLetter;
import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.RecordingEvent;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoleChanged;
import io.aircheck.protocol.v1.RoomClosed;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomOpened;
import io.aircheck.protocol.v1.StreamMark;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.RoomCatalog;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.s3.S3ObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both jobs on a Flink MiniCluster against the real embedded broker, S3 server and Elasticsearch
 * node: a two-speaker room goes into the log; its mixed recording comes out in the bucket, the room
 * in the catalog, and bad records in the dead-letter topics.
 */
class StreamJobsITCase {
    private static final long T0 = 1_764_000_000_000_000L;
    private static final int RATE = 48_000;
    private static final String ROOM = "it-room";
    private static final String SESSION = "20251124T160000000Z";

    /**
     * The room is open 6.3 s; alice says 440 Hz from 0.5 s to 3.5 s, bob 660 Hz from 2 s to 5 s.
     */
    private static final long ROOM_US = 6_300_000L;

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path checkpoints;

    @Test
    void recordsTheRoomListsItAndDeadLettersWhatItCannotUse() throws Exception {
        String kafka = SharedTestServers.kafka().bootstrapServers();
        Map<String, String> env = TestEnvironment.of("jobs-it", checkpoints);
        env.put("AIRCHECK_RECORDER_CHUNK", "1s");
        env.put("AIRCHECK_RECORDER_JITTER", "500ms");
        env.put("AIRCHECK_TIMELINE_LATE_GRACE", "2s");
        JobsConfig config = JobsConfig.fromEnv(env);
        S3Settings s3 = config.s3();
        ElasticsearchSettings es = config.elasticsearch();

        try (ObjectStore store = S3ObjectStore.connect(s3)) {
            io.aircheck.storage.index.IndexBootstrap.ensure(
                    io.aircheck.storage.index.ElasticsearchClients.connect(es),
                    io.aircheck.storage.index.Indexes.ROOMS);
            PcmAudio alice = tone(440, 3.0);
            PcmAudio bob = tone(660, 3.0);
            try (KafkaProducer<byte[], byte[]> producer = LogRecords.producer(kafka)) {
                writeEvents(producer);
                writeAudio(producer, alice, bob);
                producer.flush();
            }

            StreamExecutionEnvironment flink =
                    StreamExecutionEnvironment.getExecutionEnvironment(
                            StreamJobs.flinkConfiguration(config));
            StreamJobs.wire(flink, config, StreamJobs.Connections.of(config));
            JobClient job = flink.executeAsync("jobs-it");
            try {
                // the default recorder: the M4A is the master (no Ogg Opus master)
                String master = ObjectKeys.mixMaster(ROOM, SESSION, MasterFormat.M4A);
                await().atMost(Duration.ofSeconds(90)).until(() -> store.stat(master).isPresent());
                PcmAudio recorded = new AudioFileReader().read(store.get(master), RATE, 1);

                // the recording is the room's length, and its audio is the mix of the speakers
                assertThat(Math.abs(recorded.durationUs() - ROOM_US)).isLessThanOrEqualTo(20_000);
                short[] reference = new short[(int) (ROOM_US * RATE / 1_000_000)];
                addAt(reference, alice, 0.5);
                addAt(reference, bob, 2.0);
                assertThat(correlation(recorded.samples(), reference)).isGreaterThan(0.95);

                List<ConsumerRecord<byte[], byte[]>> recordings =
                        LogRecords.readUntil(
                                kafka,
                                Topics.ARCHIVE_RECORDINGS,
                                r -> r.stream().anyMatch(StreamJobsITCase::isFinalized),
                                Duration.ofSeconds(30));
                RecordingEvent finalized =
                        RecordingEvent.parseFrom(
                                recordings.stream()
                                        .filter(StreamJobsITCase::isFinalized)
                                        .findFirst()
                                        .orElseThrow()
                                        .value());
                assertThat(finalized.getRecordingFinalized().getObjects(0).getKey())
                        .isEqualTo(master);
                assertThat(
                                finalized.getRecordingFinalized().getEndUs()
                                        - finalized.getRecordingFinalized().getStartUs())
                        .isEqualTo(ROOM_US);
                assertThat(finalized.getRecordingFinalized().getObjects(0).getSha256()).hasSize(64);

                RoomCatalog catalog = new ElasticsearchCatalogFactory(es).open();
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> {
                                    catalog.refresh();
                                    Optional<RoomDocument> doc = catalog.get(ROOM, SESSION);
                                    return doc.isPresent() && !doc.get().live();
                                });
                RoomDocument room = catalog.get(ROOM, SESSION).orElseThrow();
                assertThat(room.title()).isEqualTo("Integration room");
                assertThat(room.speakerIds()).containsExactly("alice", "bob");
                assertThat(room.durationMs()).isEqualTo(ROOM_US / 1000);

                // the session's own files: its event log and the timeline the replay page draws
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> store.stat(ObjectKeys.timeline(ROOM, SESSION)).isPresent());
                String eventLog =
                        new String(
                                store.get(ObjectKeys.eventLog(ROOM, SESSION)),
                                java.nio.charset.StandardCharsets.UTF_8);
                assertThat(eventLog.split("\n")).hasSize(5);
                assertThat(eventLog).contains("\"roomOpened\"", "\"roomClosed\"");
                String timeline =
                        new String(
                                store.get(ObjectKeys.timeline(ROOM, SESSION)),
                                java.nio.charset.StandardCharsets.UTF_8);
                assertThat(timeline)
                        .contains(
                                "\"title\" : \"Integration room\"", "\"participantId\" : \"bob\"");

                List<ConsumerRecord<byte[], byte[]>> dead =
                        LogRecords.readUntil(
                                kafka,
                                Topics.deadLetter(Topics.ROOM_AUDIO),
                                r -> r.size() >= 2,
                                Duration.ofSeconds(30));
                List<String> reasons =
                        dead.stream().map(r -> parseDeadLetter(r.value()).getReason()).toList();
                assertThat(reasons)
                        .anySatisfy(reason -> assertThat(reason).startsWith("not an AudioFrame"));
                assertThat(reasons)
                        .anySatisfy(
                                reason ->
                                        assertThat(reason)
                                                .contains("no session 'nope' is being recorded"));
                List<ConsumerRecord<byte[], byte[]>> deadEvents =
                        LogRecords.readUntil(
                                kafka,
                                Topics.deadLetter(Topics.ROOM_EVENTS),
                                r -> !r.isEmpty(),
                                Duration.ofSeconds(30));
                assertThat(parseDeadLetter(deadEvents.get(0).value()).getReason())
                        .contains("not seen open");
            } finally {
                job.cancel().get();
            }
        }
    }

    private static void writeEvents(KafkaProducer<byte[], byte[]> producer) {
        List<RoomEvent> events =
                List.of(
                        event(0, "e1")
                                .setRoomOpened(
                                        RoomOpened.newBuilder()
                                                .setTitle("Integration room")
                                                .setHostId("alice"))
                                .build(),
                        event(1_000, "e2")
                                .setParticipantJoined(
                                        ParticipantJoined.newBuilder()
                                                .setParticipantId("alice")
                                                .setDisplayName("Alice")
                                                .setRole(Role.SPEAKER))
                                .build(),
                        event(2_000, "e3")
                                .setParticipantJoined(
                                        ParticipantJoined.newBuilder()
                                                .setParticipantId("bob")
                                                .setDisplayName("Bob"))
                                .build(),
                        event(3_000, "e4")
                                .setRoleChanged(
                                        RoleChanged.newBuilder()
                                                .setParticipantId("bob")
                                                .setRole(Role.SPEAKER))
                                .build(),
                        event(ROOM_US, "e5")
                                .setRoomClosed(RoomClosed.getDefaultInstance())
                                .build());
        for (RoomEvent e : events) {
            LogRecords.send(producer, Topics.ROOM_EVENTS, ROOM, e.toByteArray());
        }
        // an event for a session nobody opened
        LogRecords.send(
                producer,
                Topics.ROOM_EVENTS,
                "other-room",
                RoomEvent.newBuilder()
                        .setRoomId("other-room")
                        .setSessionId("ghost")
                        .setEventId("x")
                        .setParticipantLeft(
                                io.aircheck.protocol.v1.ParticipantLeft.newBuilder()
                                        .setParticipantId("p"))
                        .build()
                        .toByteArray());
    }

    private static RoomEvent.Builder event(long atUs, String id) {
        return RoomEvent.newBuilder()
                .setRoomId(ROOM)
                .setSessionId(SESSION)
                .setEventId(id)
                .setTimestampUs(T0 + atUs);
    }

    /** Frames of both speakers interleaved in time order, as the gateway writes them. */
    private static void writeAudio(
            KafkaProducer<byte[], byte[]> producer, PcmAudio alice, PcmAudio bob) {
        LogRecords.send(producer, Topics.ROOM_AUDIO, ROOM, mark(StreamMark.SESSION_STARTED, 0));
        LogRecords.send(
                producer,
                Topics.ROOM_AUDIO,
                ROOM,
                new byte[] {(byte) 0xde, (byte) 0xad, 0x01, 0x02});
        LogRecords.send(
                producer,
                Topics.ROOM_AUDIO,
                ROOM,
                frame("mallory", 0, 100_000, new short[960]).toBuilder()
                        .setSessionId("nope")
                        .build()
                        .toByteArray());
        int frames = alice.samples().length / 960;
        for (int slot = 0; slot < 250; slot++) { // 20 ms slots over 5 s
            long at = slot * 20_000L;
            int a = (int) ((at - 500_000) / 20_000);
            int b = (int) ((at - 2_000_000) / 20_000);
            if (at >= 500_000 && a < frames) {
                LogRecords.send(
                        producer,
                        Topics.ROOM_AUDIO,
                        ROOM,
                        frame("alice", a, at, slice(alice, a)).toByteArray());
            }
            if (at >= 2_000_000 && b < frames) {
                LogRecords.send(
                        producer,
                        Topics.ROOM_AUDIO,
                        ROOM,
                        frame("bob", b, at, slice(bob, b)).toByteArray());
            }
        }
        LogRecords.send(producer, Topics.ROOM_AUDIO, ROOM, mark(StreamMark.SESSION_ENDED, ROOM_US));
    }

    private static short[] slice(PcmAudio pcm, int frame) {
        short[] out = new short[960];
        System.arraycopy(pcm.samples(), frame * 960, out, 0, 960);
        return out;
    }

    private static AudioFrame frame(String participant, long seq, long atUs, short[] samples) {
        return AudioFrame.newBuilder()
                .setRoomId(ROOM)
                .setSessionId(SESSION)
                .setParticipantId(participant)
                .setTrackId("mic")
                .setSequence(seq)
                .setTimestampUs(T0 + atUs)
                .setCodec(Codec.PCM_S16LE)
                .setSampleRate(RATE)
                .setChannels(1)
                .setPayload(ByteString.copyFrom(new PcmAudio(samples, RATE, 1).toS16le()))
                .build();
    }

    private static byte[] mark(StreamMark mark, long atUs) {
        return AudioFrame.newBuilder()
                .setRoomId(ROOM)
                .setSessionId(SESSION)
                .setTimestampUs(T0 + atUs)
                .setMark(mark)
                .build()
                .toByteArray();
    }

    private static PcmAudio tone(double hz, double seconds) {
        short[] s = new short[(int) (seconds * RATE)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (12_000 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return new PcmAudio(s, RATE, 1);
    }

    private static void addAt(short[] mix, PcmAudio track, double atSeconds) {
        int offset = (int) (atSeconds * RATE);
        for (int i = 0; i < track.samples().length && offset + i < mix.length; i++) {
            mix[offset + i] =
                    (short) Math.max(-32768, Math.min(32767, mix[offset + i] + track.samples()[i]));
        }
    }

    private static double correlation(short[] a, short[] b) {
        int n = Math.min(a.length, b.length);
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < n; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static boolean isFinalized(ConsumerRecord<byte[], byte[]> record) {
        try {
            return RecordingEvent.parseFrom(record.value()).hasRecordingFinalized();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static DeadLetter parseDeadLetter(byte[] value) {
        try {
            return DeadLetter.parseFrom(value);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
