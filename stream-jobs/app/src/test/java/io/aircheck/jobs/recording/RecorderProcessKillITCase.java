package io.aircheck.jobs.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.LogRecords;
import io.aircheck.protocol.v1.RecordingEvent;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.s3.S3ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder's JVM killed with SIGKILL in the middle of a live room, and started again from its
 * last retained checkpoint: the job runs in a child JVM of its own (Flink local mode, checkpoints
 * retained in a directory, as the embedded stack runs it), the room goes into the log in real time,
 * and once a checkpoint with segments in it has completed and segments beyond it are in the bucket,
 * the process is killed ({@code Process.destroyForcibly}). A second process restores the latest
 * completed checkpoint ({@code execution.state-recovery.path}, the way the launcher's JobRunner
 * resumes) while the room goes on, and records it to its end. Every object is then byte for byte
 * (so sample for sample) what an uninterrupted run of the same room wrote, and consumers of {@code
 * archive.recordings} read one event per object.
 */
class RecorderProcessKillITCase {
    private static final Logger LOG = LoggerFactory.getLogger(RecorderProcessKillITCase.class);
    private static final long T0 = 1_764_100_000_000_000L;
    private static final String SESSION = "20251125T200000000Z";

    /** The uninterrupted run's cluster, in this JVM. */
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path work;

    /** The recorder processes' logs, kept for a look after a failure. */
    private final Path logs = Path.of("target", "recorder-process-logs");

    private static String kafka() {
        return SharedTestServers.kafka().bootstrapServers();
    }

    /**
     * The recorder's environment, without Elasticsearch (it uses none). The killed run checkpoints
     * every 2 s (the default), the uninterrupted one every 500 ms: the output may not depend on
     * when checkpoints happen.
     */
    private static Map<String, String> env(String bucket, Path checkpoints, String interval) {
        Map<String, String> env = new HashMap<>();
        env.put("AIRCHECK_KAFKA_BOOTSTRAP", kafka());
        env.put("AIRCHECK_S3_ENDPOINT", SharedTestServers.s3().endpoint().toString());
        env.put("AIRCHECK_S3_ACCESS_KEY", SharedTestServers.S3_ACCESS_KEY);
        env.put("AIRCHECK_S3_SECRET_KEY", SharedTestServers.S3_SECRET_KEY);
        env.put("AIRCHECK_S3_BUCKET", bucket);
        env.put("AIRCHECK_CHECKPOINT_DIR", checkpoints.toUri().toString());
        env.put("AIRCHECK_CHECKPOINT_INTERVAL", interval);
        env.put("AIRCHECK_JOBS", "recorder");
        env.put("AIRCHECK_RECORDER_CHUNK", "1s");
        env.put("AIRCHECK_RECORDER_JITTER", "500ms");
        env.put("AIRCHECK_RECORDER_OPUS_MASTER", "true"); // both masters (the default: M4A only)
        return env;
    }

    @Test
    void killedWithSigkillMidRoomItRestoresToIdenticalObjectsAndAnnouncesEachOnce()
            throws Exception {
        ClickRoom room = ClickRoom.twentySeconds("killed-room", SESSION, T0);
        List<ClickRoom.Record> records = room.records();
        String prefix = ObjectKeys.session(room.room, SESSION);
        String manifest = ObjectKeys.manifest(room.room, SESSION);

        // the uninterrupted run, in this JVM, on the whole room already in the log; it runs
        // while the killed run below waits on the room's real time
        JobsConfig reference =
                JobsConfig.fromEnv(env("recorder-uninterrupted", work.resolve("ref"), "500ms"));
        RecorderPipeline.Topics referenceTopics = RecorderPipeline.Topics.fresh("rec-ref");
        try (KafkaProducer<byte[], byte[]> producer = LogRecords.producer(kafka())) {
            for (ClickRoom.Record r : records) {
                LogRecords.send(producer, referenceTopics.audio(), room.room, r.value());
            }
            producer.flush();
        }
        JobClient uninterrupted = RecorderPipeline.start(reference, referenceTopics, null);

        Path checkpoints = work.resolve("checkpoints");
        Map<String, String> env = env("recorder-killed", checkpoints, "2s");
        JobsConfig killed = JobsConfig.fromEnv(env);
        RecorderPipeline.Topics topics = RecorderPipeline.Topics.fresh("rec-kill");
        String checkpointName;
        List<RecordingEvent> events;
        Process first = null;
        Process second = null;
        CompletableFuture<Void> live = null;
        try (ObjectStore store = S3ObjectStore.connect(killed.s3());
                SegmentEvents committed = new SegmentEvents(topics.recordings())) {
            first = recorder(topics, env, "first", null);
            // the room goes into the log in real time, as capture writes it
            live = CompletableFuture.runAsync(() -> produceLive(topics, room, records));

            // kill it once a checkpoint with segments has completed (its events are committed),
            // not the first (state that went through a restore-free checkpoint cycle), and the
            // job has written segments since (their events not yet committed)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            int committedAtKill;
            long writtenAtKill;
            while (true) {
                assertThat(first.isAlive()).as("the first recorder process runs").isTrue();
                assertThat(System.nanoTime()).as("waiting for segments").isLessThan(deadline);
                committedAtKill = committed.poll();
                writtenAtKill =
                        store.list(prefix + "mix/").stream()
                                .filter(o -> o.key().endsWith(".m4s"))
                                .count();
                if (committedAtKill >= 3
                        && writtenAtKill > committedAtKill
                        && latestCheckpoint(checkpoints).map(c -> number(c) >= 2).orElse(false)) {
                    break;
                }
            }
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("the process died").isTrue();
            LOG.info(
                    "killed the recorder with {} segments committed and {} written",
                    committedAtKill,
                    writtenAtKill);
            assertThat(live).as("the room is still live when the recorder dies").isNotDone();
            assertThat(store.stat(manifest)).as("no masters yet").isEmpty();

            Path checkpoint = latestCheckpoint(checkpoints).orElseThrow();
            checkpointName = checkpoint.toAbsolutePath().toString();
            LOG.info("restoring the recorder from {}", checkpoint);
            second = recorder(topics, env, "second", checkpoint.toUri().toString());
            live.get(120, TimeUnit.SECONDS);
            Process restored = second;
            await().atMost(Duration.ofSeconds(120))
                    .untilAsserted(
                            () -> {
                                assertThat(restored.isAlive())
                                        .as("the restored recorder process runs")
                                        .isTrue();
                                assertThat(store.stat(manifest)).isPresent();
                            });
            // the last objects' events commit with the restored job's next checkpoint
            events = RecordedSession.events(kafka(), topics.recordings(), 1);
        } finally {
            for (Process p : new Process[] {first, second}) {
                if (p != null) {
                    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
            if (live != null) {
                live.cancel(true);
            }
        }
        assertThat(logs.resolve("first.log")).content().doesNotContain("Restoring job");
        assertThat(logs.resolve("second.log"))
                .as("the second process restored the killed one's checkpoint")
                .content()
                .containsPattern(
                        "Restoring job \\w+ from .*" + Pattern.quote(checkpointName) + "\\b");

        List<RecordingEvent> referenceEvents;
        try (ObjectStore store = S3ObjectStore.connect(reference.s3())) {
            await().atMost(Duration.ofSeconds(90)).until(() -> store.stat(manifest).isPresent());
            referenceEvents = RecordedSession.events(kafka(), referenceTopics.recordings(), 1);
        } finally {
            uninterrupted.cancel().get();
        }

        // the same objects, byte for byte, so the same audio sample for sample
        Map<String, byte[]> expected = RecordedSession.objects(reference, prefix);
        assertThat(expected).containsKeys(prefix + "mix/room.opus", prefix + "mix/room.m4a");
        assertThat(expected.keySet().stream().filter(k -> k.endsWith(".m4s"))).hasSize(20);
        RecordedSession.assertIdentical(expected, RecordedSession.objects(killed, prefix), prefix);

        // consumers read every segment, track and master announced once, as in the
        // uninterrupted run
        List<String> announced = events.stream().map(RecordedSession::announcedKey).toList();
        assertThat(announced).doesNotHaveDuplicates();
        assertThat(announced)
                .containsExactlyInAnyOrderElementsOf(
                        referenceEvents.stream().map(RecordedSession::announcedKey).toList());
        assertThat(announced)
                .containsAll(
                        expected.keySet().stream()
                                .filter(
                                        k ->
                                                k.endsWith(".m4s")
                                                        || k.contains("/tracks/")
                                                        || k.endsWith("room.opus")
                                                        || k.endsWith("room.m4a"))
                                .toList());
    }

    private Process recorder(
            RecorderPipeline.Topics topics,
            Map<String, String> env,
            String name,
            String restoreFrom)
            throws Exception {
        Path ready = work.resolve(name + ".ready");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                topics.audio(),
                                topics.recordings(),
                                topics.deadLetters(),
                                ready.toString()));
        if (restoreFrom != null) {
            args.add(restoreFrom);
        }
        Files.createDirectories(logs);
        Process process = ChildJvm.start(RecorderProcess.class, args, env, "512m", logs, name);
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(
                        () -> {
                            assertThat(process.isAlive())
                                    .as(
                                            "recorder process %s runs (see %s)",
                                            name, logs.resolve(name + ".log").toAbsolutePath())
                                    .isTrue();
                            assertThat(ready).exists();
                        });
        return process;
    }

    /** The room's records at their room-clock times, in real time from now. */
    private static void produceLive(
            RecorderPipeline.Topics topics, ClickRoom room, List<ClickRoom.Record> records) {
        try (KafkaProducer<byte[], byte[]> producer = LogRecords.producer(kafka())) {
            long start = System.nanoTime();
            for (ClickRoom.Record r : records) {
                long waitNanos = start + (r.atUs() - room.t0) * 1000 - System.nanoTime();
                if (waitNanos > 0) {
                    Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                }
                LogRecords.send(producer, topics.audio(), room.room, r.value());
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The newest completed checkpoint: {@code <dir>/<job>/chk-N} holding its {@code _metadata}. */
    private static Optional<Path> latestCheckpoint(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.walk(dir, 2)) {
            return all.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(RecorderProcessKillITCase::number));
        }
    }

    private static long number(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
    }

    /** Counts the committed segment events of a topic as they come (read_committed). */
    private static final class SegmentEvents implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private int segments;

        SegmentEvents(String topic) {
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka());
            p.put("isolation.level", "read_committed");
            consumer =
                    new KafkaConsumer<>(
                            p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        int poll() throws Exception {
            for (var r : consumer.poll(Duration.ofMillis(100))) {
                if (RecordingEvent.parseFrom(r.value()).hasSegmentWritten()) {
                    segments++;
                }
            }
            return segments;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
