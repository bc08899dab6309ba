package io.aircheck.jobs.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.LogRecords;
import io.aircheck.jobs.TestEnvironment;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.PcmAudio;
import io.aircheck.protocol.v1.DeadLetter;
import io.aircheck.protocol.v1.RecordingEvent;
import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.manifest.Manifest;
import io.aircheck.storage.manifest.ManifestEntry;
import io.aircheck.storage.manifest.ManifestJson;
import io.aircheck.storage.s3.S3ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder job on a Flink MiniCluster against the real embedded broker and S3 server: a room of
 * three speakers (Opus with lost and broken packets, PCM at 48 and 16 kHz, joining and leaving at
 * odd times) goes into the log as capture writes it. While it is live its HLS playlist grows; at
 * its end come the masters, the speakers' tracks, the playlists and the manifest. A click in each
 * speaker's input appears in the mix and in the speaker's track at the same room-clock time; FFmpeg
 * reads everything written; bad records are dead-lettered. And failing mid-room (a task failure
 * inside a living JVM, which Flink's restart strategy handles in place: the JVM's native encoders
 * and clients outlive the failed tasks), the job restores from its checkpoint to output identical
 * to an uninterrupted run's, announcing every object once. A killed JVM is {@link
 * RecorderProcessKillITCase}.
 */
class RecorderJobITCase {
    private static final long T0 = 1_764_000_000_000_000L;
    private static final String SESSION = "20251124T160000000Z";
    private static final int N = 446_400; // 9.3 s at 48 kHz

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path checkpoints;
    @TempDir Path work;

    private static JobsConfig config(String bucket, Path checkpoints) {
        Map<String, String> env = TestEnvironment.of(bucket, checkpoints);
        env.put("AIRCHECK_JOBS", "recorder");
        env.put("AIRCHECK_RECORDER_CHUNK", "1s");
        env.put("AIRCHECK_RECORDER_JITTER", "500ms");
        env.put("AIRCHECK_RECORDER_OPUS_MASTER", "true"); // both masters (the default: M4A only)
        return JobsConfig.fromEnv(env);
    }

    private static String kafka() {
        return SharedTestServers.kafka().bootstrapServers();
    }

    @Test
    void recordsEverySpeakerAndTheMixLiveAndOnDemandInSync() throws Exception {
        JobsConfig config = config("recorder-live", checkpoints);
        RecorderPipeline.Topics topics = RecorderPipeline.Topics.fresh("rec-live");
        ClickRoom room = ClickRoom.standard("click-room", SESSION, T0);
        String live = ObjectKeys.livePlaylist(room.room, SESSION);
        JobClient job = RecorderPipeline.start(config, topics, null);
        try (ObjectStore store = S3ObjectStore.connect(config.s3());
                KafkaProducer<byte[], byte[]> producer = LogRecords.producer(kafka())) {
            // the room goes out at three times real time; the live playlist is watched meanwhile
            List<String> whileLive = new CopyOnWriteArrayList<>();
            long wallStart = System.nanoTime();
            long nextLook = 0;
            for (ClickRoom.Record r : room.records()) {
                long due = wallStart + (r.atUs() - T0) * 1000 / 3;
                while (System.nanoTime() < due) {
                    if (System.nanoTime() >= nextLook) {
                        store.stat(live).ifPresent(i -> whileLive.add(text(store, live)));
                        nextLook = System.nanoTime() + 150_000_000L;
                    }
                    Thread.sleep(2);
                }
                if (r.atUs() == room.endUs) {
                    producer.flush();
                    whileLive.add(text(store, live)); // the last look before the room ends
                }
                LogRecords.send(producer, topics.audio(), room.room, r.value());
            }
            producer.flush();
            String manifestKey = ObjectKeys.manifest(room.room, SESSION);
            await().atMost(Duration.ofSeconds(90)).until(() -> store.stat(manifestKey).isPresent());

            // live: an EVENT playlist that grew segment by segment, open until the room ended
            List<Integer> counts =
                    whileLive.stream().map(RecorderJobITCase::segments).distinct().toList();
            assertThat(counts).hasSizeGreaterThanOrEqualTo(4).isSorted();
            assertThat(whileLive)
                    .allSatisfy(
                            p ->
                                    assertThat(p)
                                            .contains("#EXT-X-PLAYLIST-TYPE:EVENT")
                                            .doesNotContain("#EXT-X-ENDLIST"));

            Path dir = download(store, ObjectKeys.session(room.room, SESSION));
            assertEverythingPlays(dir);
            Manifest manifest = ManifestJson.read(Files.readString(dir.resolve("manifest.json")));
            assertThat(manifest.verify()).isEmpty();
            for (ManifestEntry e : manifest.entries()) {
                Path local =
                        dir.resolve(
                                e.key().substring(ObjectKeys.session(room.room, SESSION).length()));
                assertThat(Files.size(local)).as(e.key()).isEqualTo(e.sizeBytes());
            }
            assertSynchronised(room, dir, manifest);
            assertAnnounced(topics, manifest);
            assertDeadLettered(topics);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * FFmpeg opens every playlist, segment, master and track; the masters have the room's length.
     */
    private static void assertEverythingPlays(Path dir) throws Exception {
        Path mix = dir.resolve("mix");
        assertThat(Files.readString(mix.resolve("live.m3u8"))).endsWith("#EXT-X-ENDLIST\n");
        assertThat(Files.readString(mix.resolve("vod.m3u8"))).contains("#EXT-X-PLAYLIST-TYPE:VOD");
        for (String playlist : List.of("live.m3u8", "vod.m3u8")) {
            assertThat(Ffmpeg.probe(mix.resolve(playlist)))
                    .contains("codec_name=aac", "sample_rate=48000");
        }
        byte[] init = Files.readAllBytes(mix.resolve("init.mp4"));
        try (var segments = Files.list(mix)) {
            List<Path> all = segments.filter(p -> p.toString().endsWith(".m4s")).sorted().toList();
            assertThat(all).hasSize(10); // 9.3 s in 1 s chunks
            for (Path segment : all) {
                Path whole = segment.resolveSibling(segment.getFileName() + ".mp4");
                Files.write(whole, RecordedSession.concat(init, Files.readAllBytes(segment)));
                assertThat(Ffmpeg.probe(whole)).as(segment.toString()).contains("codec_name=aac");
            }
        }
        // VOD through FFmpeg's HLS demuxer: the room's length (this FFmpeg keeps AAC's 21 ms
        // priming and the last frame's padding in fMP4)
        assertThat(Ffmpeg.decodedSamples(mix.resolve("vod.m3u8"))).isBetween((long) N, N + 2048L);
        assertThat(Ffmpeg.probe(mix.resolve("room.opus"))).contains("codec_name=opus");
        assertThat(Ffmpeg.probe(mix.resolve("room.m4a"))).contains("codec_name=aac");
        assertThat(Ffmpeg.decodedSamples(mix.resolve("room.opus"))).isEqualTo(N);
        AudioFileReader reader = new AudioFileReader();
        assertThat(reader.read(mix.resolve("room.opus"), 48_000, 1).frames()).isEqualTo(N);
        assertThat(Math.abs(reader.read(mix.resolve("room.m4a"), 48_000, 1).frames() - N))
                .isLessThanOrEqualTo(960);
        for (String track : List.of("alice", "bob", "carol")) {
            String probe = Ffmpeg.probe(dir.resolve("tracks/" + track + ".opus"));
            assertThat(probe)
                    .contains(
                            "codec_name=opus",
                            "AIRCHECK_PARTICIPANT=" + track,
                            "AIRCHECK_START_US=");
        }
    }

    /**
     * Each click is heard at its room-clock time in the mix, in the M4A, and in its speaker's
     * track.
     */
    private static void assertSynchronised(ClickRoom room, Path dir, Manifest manifest)
            throws Exception {
        AudioFileReader reader = new AudioFileReader();
        short[] mix = reader.read(dir.resolve("mix/room.opus"), 48_000, 1).samples();
        short[] m4a = reader.read(dir.resolve("mix/room.m4a"), 48_000, 1).samples();
        for (ClickRoom.Speaker speaker : room.speakers) {
            String key = ObjectKeys.track(room.room, SESSION, speaker.id(), "opus");
            ManifestEntry entry = manifest.entry(key).orElseThrow();
            assertThat(entry.startUs()).isEqualTo(T0 + speaker.fromUs()); // the track's offset
            PcmAudio track =
                    reader.read(dir.resolve("tracks/" + speaker.id() + ".opus"), 48_000, 1);
            assertThat(track.durationUs())
                    .isCloseTo(
                            speaker.toUs() - speaker.fromUs(),
                            org.assertj.core.api.Assertions.within(20_000L));
            for (long click : speaker.clicksUs()) {
                long at = T0 + click;
                long inMix = Clicks.find(mix, T0, at, 40_000);
                long inM4a = Clicks.find(m4a, T0, at, 40_000);
                long inTrack = Clicks.find(track.samples(), entry.startUs(), at, 40_000);
                String what = speaker.id() + "'s click at " + click / 1000 + " ms";
                assertThat(Math.abs(inMix - inTrack))
                        .as(what + ": mix vs track, µs")
                        .isLessThanOrEqualTo(10_000);
                assertThat(Math.abs(inMix - at))
                        .as(what + ": mix vs input, µs")
                        .isLessThanOrEqualTo(10_000);
                assertThat(Math.abs(inM4a - at))
                        .as(what + ": M4A vs input, µs")
                        .isLessThanOrEqualTo(10_000);
            }
        }
    }

    /**
     * archive.recordings (committed): every segment once, a track per speaker, both masters, the
     * end.
     */
    private static void assertAnnounced(RecorderPipeline.Topics topics, Manifest manifest)
            throws Exception {
        List<RecordingEvent> events = RecordedSession.events(kafka(), topics.recordings(), 1);
        List<Long> segments =
                events.stream()
                        .filter(RecordingEvent::hasSegmentWritten)
                        .map(e -> e.getSegmentWritten().getIndex())
                        .toList();
        assertThat(segments).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(
                        events.stream()
                                .filter(RecordingEvent::hasTrackWritten)
                                .map(
                                        e ->
                                                e.getTrackWritten().getParticipantId()
                                                        + "@"
                                                        + (e.getTrackWritten().getStartUs() - T0)))
                .containsExactlyInAnyOrder("alice@500000", "bob@2370000", "carol@6000000");
        assertThat(events.stream().filter(RecordingEvent::hasMasterWritten)).hasSize(2);
        RecordingEvent done =
                events.stream()
                        .filter(RecordingEvent::hasRecordingFinalized)
                        .findFirst()
                        .orElseThrow();
        var manifestObject =
                done.getRecordingFinalized().getObjectsList().stream()
                        .filter(o -> o.getKey().endsWith("manifest.json"))
                        .findFirst()
                        .orElseThrow();
        assertThat(manifestObject.getSha256()).hasSize(64);
        for (RecordingEvent e : events) {
            if (e.hasSegmentWritten()) {
                var s = e.getSegmentWritten();
                assertThat(manifest.entry(s.getKey()).orElseThrow().sha256())
                        .isEqualTo(s.getSha256());
            }
        }
    }

    private static void assertDeadLettered(RecorderPipeline.Topics topics) {
        List<ConsumerRecord<byte[], byte[]>> dead =
                LogRecords.readUntil(
                        kafka(), topics.deadLetters(), r -> r.size() >= 4, Duration.ofSeconds(30));
        List<String> reasons =
                dead.stream()
                        .map(
                                r -> {
                                    try {
                                        return DeadLetter.parseFrom(r.value()).getReason();
                                    } catch (Exception e) {
                                        throw new AssertionError(e);
                                    }
                                })
                        .toList();
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("not an AudioFrame"));
        assertThat(reasons)
                .anySatisfy(
                        r ->
                                assertThat(r)
                                        .startsWith(
                                                "duplicate frame: sequence 10 of track alice/mic"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("undecodable Opus packet"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("late frame"));
    }

    /**
     * Fails the job once, on the first record at or past {@code offset}: Flink restores from its
     * checkpoint.
     */
    static final class FailOnce implements MapFunction<SourceRecord, SourceRecord> {
        static final AtomicInteger FAILURES = new AtomicInteger();
        private final long offset;

        FailOnce(long offset) {
            this.offset = offset;
        }

        @Override
        public SourceRecord map(SourceRecord record) {
            if (record.offset() >= offset && FAILURES.compareAndSet(0, 1)) {
                throw new IllegalStateException("injected failure at offset " + record.offset());
            }
            return record;
        }
    }

    @Test
    void failingMidRoomItRestartsFromItsCheckpointToIdenticalOutputAndAnnouncesEachObjectOnce()
            throws Exception {
        ClickRoom room = ClickRoom.standard("restored-room", SESSION, T0);
        List<ClickRoom.Record> records = room.records();
        String prefix = ObjectKeys.session(room.room, SESSION);

        // an uninterrupted run
        JobsConfig plain = config("recorder-plain", checkpoints.resolve("plain"));
        RecorderPipeline.Topics plainTopics = RecorderPipeline.Topics.fresh("rec-plain");
        produce(plainTopics, room, records);
        JobClient first = RecorderPipeline.start(plain, plainTopics, null);
        List<RecordingEvent> plainEvents;
        try (ObjectStore store = S3ObjectStore.connect(plain.s3())) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> store.stat(prefix + "manifest.json").isPresent());
            plainEvents =
                    RecordedSession.events(
                            kafka(),
                            plainTopics.recordings(),
                            1); // committed at the next checkpoint
        } finally {
            first.cancel().get();
        }

        // the same room, the job failing in the middle, after a checkpoint with segments in it
        JobsConfig failing = config("recorder-restored", checkpoints.resolve("restored"));
        RecorderPipeline.Topics topics = RecorderPipeline.Topics.fresh("rec-fail");
        int half = records.size() / 2;
        produce(topics, room, records.subList(0, half));
        FailOnce.FAILURES.set(0);
        JobClient second = RecorderPipeline.start(failing, topics, new FailOnce(half));
        List<RecordingEvent> events;
        try (ObjectStore store = S3ObjectStore.connect(failing.s3())) {
            // a checkpoint has completed once segment events are committed
            LogRecords.readUntil(
                    kafka(), topics.recordings(), r -> r.size() >= 2, Duration.ofSeconds(60));
            produce(topics, room, records.subList(half, records.size()));
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> store.stat(prefix + "manifest.json").isPresent());
            events = RecordedSession.events(kafka(), topics.recordings(), 1);
        } finally {
            second.cancel().get();
        }
        assertThat(FailOnce.FAILURES.get()).as("the injected failure happened").isEqualTo(1);

        // the same objects, byte for byte, so the same audio sample for sample
        RecordedSession.assertIdentical(
                RecordedSession.objects(plain, prefix),
                RecordedSession.objects(failing, prefix),
                prefix);

        // and every object announced once: no duplicates in what consumers read
        List<String> keys = events.stream().map(RecordedSession::announcedKey).toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(keys)
                .containsExactlyInAnyOrderElementsOf(
                        plainEvents.stream().map(RecordedSession::announcedKey).toList());
    }

    private static void produce(
            RecorderPipeline.Topics topics, ClickRoom room, List<ClickRoom.Record> records) {
        try (KafkaProducer<byte[], byte[]> producer = LogRecords.producer(kafka())) {
            for (ClickRoom.Record r : records) {
                LogRecords.send(producer, topics.audio(), room.room, r.value());
            }
            producer.flush();
        }
    }

    private Path download(ObjectStore store, String prefix) throws Exception {
        Path dir = Files.createTempDirectory(work, "session");
        for (ObjectInfo info : store.list(prefix)) {
            if (info.key().startsWith(prefix + "work/")) {
                continue;
            }
            Path local = dir.resolve(info.key().substring(prefix.length()));
            Files.createDirectories(local.getParent());
            Files.write(local, store.get(info.key()));
        }
        return dir;
    }

    private static String text(ObjectStore store, String key) {
        return new String(store.get(key), StandardCharsets.UTF_8);
    }

    private static int segments(String playlist) {
        return (int) playlist.lines().filter(l -> l.endsWith(".m4s")).count();
    }
}
