package io.aircheck.jobs.recording;

import io.aircheck.config.S3Settings;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.TestEnvironment;
import io.aircheck.jobs.recorder.mix.OpusApplication;
import io.aircheck.jobs.recorder.mix.RecorderSettings;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.s3.S3ObjectStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Everything of {@link RecorderBenchmark} but the job, in a process of its own so the job's process
 * CPU is the job's: the embedded broker and S3 server, the rooms written into the log, the live
 * playlists and masters watched, and the FFmpeg CLI doing the same work. Talks to the parent over
 * stdin/stdout: "MARK name" lines (the parent samples its CPU, answers "ack") and "RESULT" lines.
 */
public final class BenchmarkDriver {
    private static final String SESSION = "bench";
    private static final BufferedReader PARENT =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private BenchmarkDriver() {}

    /** args: rooms seconds liveRooms liveSeconds chunkSeconds workDir textFile sending */
    public static void main(String[] args) throws Exception {
        int rooms = Integer.parseInt(args[0]);
        long lengthUs = Long.parseLong(args[1]) * 1_000_000L;
        int liveRooms = Integer.parseInt(args[2]);
        long liveUs = Long.parseLong(args[3]) * 1_000_000L;
        long chunkUs = Long.parseLong(args[4]) * 1_000_000L;
        Path work = Path.of(args[5]);
        RecorderPipeline.Topics topics = RecorderPipeline.Topics.named("bench");
        SharedTestServers.kafka().createTopics(topics.all(), 2);
        S3Settings s3 =
                new S3Settings(
                        SharedTestServers.s3().endpoint(),
                        SharedTestServers.S3_ACCESS_KEY,
                        SharedTestServers.S3_SECRET_KEY,
                        "recorder-bench",
                        "us-east-1");
        String text = Files.readString(Path.of(args[6])).replaceAll("[#|`*\\[\\]]", " ");
        BenchmarkRoom.Sending sending = BenchmarkRoom.Sending.parse(args[7]);
        BenchmarkRoom room = new BenchmarkRoom(work, lengthUs, text, sending);
        BenchmarkRoom live = new BenchmarkRoom(work, liveUs, text, sending);
        try (ObjectStore store = S3ObjectStore.connect(s3);
                KafkaProducer<byte[], byte[]> producer = producer()) {
            say(
                    "ENDPOINTS "
                            + SharedTestServers.kafka().bootstrapServers()
                            + " "
                            + s3.endpoint()
                            + " "
                            + String.join(" ", topics.all()));
            expect("READY");
            long t0 = 1_760_000_000_000_000L;
            List<String> warm = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                warm.add("warm-" + r);
                send(producer, topics.audio(), "warm-" + r, room.records("warm-" + r, SESSION, t0));
            }
            awaitManifests(store, warm);

            mark("throughput-start");
            List<String> batch = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                batch.add("room-" + r);
                send(producer, topics.audio(), "room-" + r, room.records("room-" + r, SESSION, t0));
            }
            awaitManifests(store, batch);
            mark("throughput-end");
            say("RESULT rooms " + rooms + " " + lengthUs);

            cli(room, work, Math.min(rooms, 3));

            mark("live-start");
            new LiveRun(store, producer, topics.audio(), live, liveRooms, chunkUs).run();
            mark("live-end");
            say("DONE");
        }
        System.exit(0); // the embedded servers' threads would keep the process up
    }

    /** AIRCHECK_RECORDER_* of this process's environment: what the benchmark passes to the job. */
    static Map<String, String> recorderEnv() {
        return TestEnvironment.fromProcess("AIRCHECK_RECORDER_");
    }

    /** The recorder's settings as the job gets them. */
    static RecorderSettings recorderSettings() {
        return JobsConfig.fromEnv(recorderEnv()).recorder();
    }

    /**
     * The FFmpeg CLI doing the same: decode the four Opus tracks, mix, limit, AAC HLS, Opus (with
     * the job's complexity and application), M4A.
     */
    private static void cli(BenchmarkRoom room, Path work, int runs) throws Exception {
        List<Path> inputs = room.oggFiles(work);
        RecorderSettings settings = recorderSettings();
        double cpu = 0;
        for (int r = 0; r < runs; r++) {
            Path out = Files.createDirectories(work.resolve("cli-" + r));
            List<String> ffmpeg =
                    new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-threads", "1"));
            StringBuilder graph = new StringBuilder();
            for (int s = 0; s < inputs.size(); s++) {
                ffmpeg.addAll(List.of("-i", inputs.get(s).toString()));
                graph.append(
                        String.format(
                                "[%d:a]adelay=%d:all=1[a%d];",
                                s, s * BenchmarkRoom.JOIN_STEP_US / 1000, s));
            }
            boolean opusMaster = settings.opusMaster();
            graph.append(
                    "[a0][a1][a2][a3]amix=inputs=4:normalize=0:duration=longest,"
                            + "alimiter=limit=0.891:level=false"
                            + (opusMaster ? ",asplit=2[hls][master]" : "[hls]"));
            ffmpeg.addAll(
                    List.of(
                            "-filter_complex",
                            graph.toString(),
                            "-map",
                            "[hls]",
                            "-c:a",
                            "aac",
                            "-aac_coder",
                            "fast",
                            "-b:a",
                            "64k",
                            "-f",
                            "hls",
                            "-hls_time",
                            "3",
                            "-hls_segment_type",
                            "fmp4",
                            "-hls_playlist_type",
                            "event",
                            out.resolve("live.m3u8").toString()));
            if (opusMaster) { // the job's second encode, with its settings
                ffmpeg.addAll(
                        List.of(
                                "-map",
                                "[master]",
                                "-c:a",
                                "libopus",
                                "-b:a",
                                "32k",
                                "-application",
                                settings.opusApplication().toString(),
                                "-vbr",
                                settings.opusApplication() == OpusApplication.AUDIO
                                        ? "constrained"
                                        : "on",
                                "-compression_level",
                                Integer.toString(settings.opusComplexity()),
                                "-frame_duration",
                                "20",
                                out.resolve("room.opus").toString()));
            }
            for (int s = 0; s < inputs.size(); s++) { // the speakers' tracks: a remux
                ffmpeg.addAll(
                        List.of(
                                "-map",
                                s + ":a",
                                "-c",
                                "copy",
                                out.resolve("track-" + s + ".opus").toString()));
            }
            String m4a =
                    "ffmpeg -v error -y -i "
                            + out.resolve("live.m3u8")
                            + " -c copy "
                            + out.resolve("room.m4a");
            String script = quote(ffmpeg) + " && " + m4a + " && cat /proc/$$/stat";
            String stat = Ffmpeg.run(List.of("bash", "-c", script)).trim();
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from the 3rd: cutime and cstime are the 16th and 17th, in clock ticks (100/s)
            cpu += (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        }
        say("RESULT cli " + runs + " " + room.lengthUs + " " + cpu);
    }

    private static String quote(List<String> command) {
        StringBuilder s = new StringBuilder();
        for (String part : command) {
            s.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        return s.toString();
    }

    static void send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            String room,
            List<BenchmarkRoom.Record> records) {
        byte[] key = room.getBytes(StandardCharsets.UTF_8);
        for (BenchmarkRoom.Record r : records) {
            producer.send(new ProducerRecord<>(topic, key, r.value()));
        }
        producer.flush();
    }

    private static void awaitManifests(ObjectStore store, List<String> rooms)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        for (String room : rooms) {
            while (store.stat(ObjectKeys.manifest(room, SESSION)).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("room " + room + " was not archived in time");
                }
                Thread.sleep(100);
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", SharedTestServers.kafka().bootstrapServers());
        p.put("acks", "all");
        p.put("linger.ms", "5");
        p.put("batch.size", "262144");
        p.put("max.in.flight.requests.per.connection", "1");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void mark(String name) throws Exception {
        say("MARK " + name);
        expect("ack");
    }

    private static void expect(String what) throws Exception {
        String line = PARENT.readLine();
        if (line == null || !line.equals(what)) {
            throw new IllegalStateException("expected '" + what + "' from the parent, got " + line);
        }
    }

    /**
     * Rooms in real time, started {@link #staggerUs} apart; their live playlists and masters
     * watched.
     */
    /**
     * How far apart live rooms start: 2 s, or closer when many rooms would not otherwise be live at
     * once (they all start within the first half of a room's length).
     */
    static long staggerUs(int rooms, long lengthUs) {
        return Math.min(2_000_000L, lengthUs / (2L * rooms));
    }

    private static final class LiveRun {
        private final ObjectStore store;
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final BenchmarkRoom room;
        private final int rooms;
        private final long chunkUs;
        private final HttpClient http = HttpClient.newHttpClient();
        private final Map<String, Long> firstSent = new ConcurrentHashMap<>();
        private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
        private final Map<String, Long> listed = new ConcurrentHashMap<>();
        private final Map<String, Long> closed = new ConcurrentHashMap<>();
        private final Map<String, Long> masters = new ConcurrentHashMap<>();
        private final boolean opusMaster = recorderSettings().opusMaster();

        LiveRun(
                ObjectStore store,
                KafkaProducer<byte[], byte[]> producer,
                String topic,
                BenchmarkRoom room,
                int rooms,
                long chunkUs) {
            this.store = store;
            this.producer = producer;
            this.topic = topic;
            this.room = room;
            this.rooms = rooms;
            this.chunkUs = chunkUs;
        }

        void run() throws Exception {
            record Timed(long wallUs, String room, long roomUs, byte[] value) {}
            List<Timed> all = new ArrayList<>();
            long t0 = System.currentTimeMillis() * 1000;
            for (int r = 0; r < rooms; r++) {
                String id = "live-" + r;
                long start = r * staggerUs(rooms, room.lengthUs);
                for (BenchmarkRoom.Record rec : room.records(id, SESSION, t0 + start)) {
                    all.add(new Timed(rec.atUs() - t0, id, rec.atUs() - t0 - start, rec.value()));
                }
            }
            all.sort(Comparator.comparingLong(Timed::wallUs));
            Thread poller = new Thread(this::poll, "bench-poller");
            poller.setDaemon(true);
            poller.start();
            long wall0 = System.nanoTime();
            for (Timed t : all) {
                long due = wall0 + t.wallUs() * 1000;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                producer.send(
                        new ProducerRecord<>(
                                topic, t.room().getBytes(StandardCharsets.UTF_8), t.value()));
                long now = System.nanoTime();
                long k = t.roomUs() / chunkUs;
                if (t.roomUs() >= room.lengthUs) {
                    producer.flush();
                    closed.put(t.room(), System.nanoTime());
                } else {
                    firstSent.putIfAbsent(t.room() + "#" + k, now);
                    lastSent.put(t.room() + "#" + k, now);
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (masters.size() < rooms) {
                if (System.nanoTime() > deadline || !poller.isAlive()) {
                    throw new IllegalStateException(
                            "masters of "
                                    + (rooms - masters.size())
                                    + " live rooms never appeared (closed: "
                                    + closed.keySet()
                                    + ")");
                }
                Thread.sleep(50);
            }
            poller.interrupt();
            report();
        }

        private void poll() {
            Map<String, URI> playlists = new ConcurrentHashMap<>();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (int r = 0; r < rooms; r++) {
                        String id = "live-" + r;
                        if (masters.containsKey(id)) {
                            continue;
                        }
                        URI uri =
                                playlists.computeIfAbsent(
                                        id,
                                        x ->
                                                store.presignGet(
                                                        ObjectKeys.livePlaylist(x, SESSION),
                                                        Duration.ofHours(1)));
                        HttpResponse<String> playlist =
                                http.send(
                                        HttpRequest.newBuilder(uri).build(),
                                        HttpResponse.BodyHandlers.ofString());
                        long now = System.nanoTime();
                        if (playlist.statusCode() == 200) {
                            long count =
                                    playlist.body().lines().filter(l -> l.endsWith(".m4s")).count();
                            for (long k = 0; k < count; k++) {
                                listed.putIfAbsent(id + "#" + k, now);
                            }
                        }
                        if (closed.containsKey(id)
                                && (!opusMaster || exists(id, MasterFormat.OPUS))
                                && exists(id, MasterFormat.M4A)) {
                            masters.put(id, System.nanoTime());
                        }
                    }
                    Thread.sleep(closed.isEmpty() ? 100 : 25);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                e.printStackTrace();
                say("RESULT error " + e);
            }
        }

        private boolean exists(String id, MasterFormat format) throws Exception {
            URI uri =
                    store.presignGet(
                            ObjectKeys.mixMaster(id, SESSION, format), Duration.ofMinutes(5));
            return http.send(
                                            HttpRequest.newBuilder(uri)
                                                    .method(
                                                            "GET",
                                                            HttpRequest.BodyPublishers.noBody())
                                                    .header("Range", "bytes=0-0")
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            / 100
                    == 2;
        }

        private void report() {
            List<Double> oldest = new ArrayList<>();
            List<Double> newest = new ArrayList<>();
            long complete = room.lengthUs / chunkUs;
            for (int r = 0; r < rooms; r++) {
                for (long k = 0; k < complete; k++) {
                    String key = "live-" + r + "#" + k;
                    Long at = listed.get(key);
                    if (at != null) {
                        oldest.add((at - firstSent.get(key)) / 1e9);
                        newest.add((at - lastSent.get(key)) / 1e9);
                    }
                }
            }
            List<Double> close = new ArrayList<>();
            closed.forEach((id, at) -> close.add((masters.get(id) - at) / 1e9));
            say("RESULT live " + rooms + " " + room.lengthUs + " " + oldest.size());
            say("RESULT edge-oldest " + stats(oldest));
            say("RESULT edge-newest " + stats(newest));
            say("RESULT close " + stats(close));
        }

        private static String stats(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return "none";
            }
            return String.format(
                    java.util.Locale.ROOT,
                    "%.2f %.2f %.2f %d",
                    sorted.get(sorted.size() / 2),
                    sorted.get(
                            Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)),
                    sorted.get(sorted.size() - 1),
                    sorted.size());
        }
    }
}
