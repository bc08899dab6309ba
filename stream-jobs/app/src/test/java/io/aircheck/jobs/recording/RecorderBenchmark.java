package io.aircheck.jobs.recording;

import io.aircheck.jobs.JobsConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;

/**
 * The recorder benchmark: simulated four-speaker rooms through the real job (Flink local mode, the
 * default settings), its CPU per room-hour against the FFmpeg CLI doing the same mix and encode of
 * the same inputs, the live edge, and how long after a room closes its masters are there. The job
 * runs alone in this process (its CPU time is this process's); the broker, the S3 server, the
 * rooms' producer and the watchers run in a child process ({@link BenchmarkDriver}).
 *
 * <pre>
 * cd stream-jobs/app &amp;&amp; mvn -B -o -q test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) \
 *   -Dlog4j2.configurationFile=classpath:log4j2.properties \
 *   io.aircheck.jobs.recording.RecorderBenchmark [--always-on] [rooms seconds liveRooms liveSeconds]
 *   (default 160 90 12 30: 4 room-hours of throughput, so the JIT's start-up weighs little; the
 *   microphones send while their speaker talks, with DTX, as LiveKit's clients do by default and
 *   muted ones do; --always-on: a packet every 20 ms from every microphone, as WebRTC without DTX;
 *   see BenchmarkRoom.Sending)
 * </pre>
 *
 * <p>Not {@code exec:java}: its class loader hides the job's classes from Flink's local cluster
 * ("Could not deserialize stream node").
 */
public final class RecorderBenchmark {
    private RecorderBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> numbers = new ArrayList<>(List.of(args));
        numbers.remove("--dtx"); // the default (the flag of earlier runs)
        BenchmarkRoom.Sending sending =
                numbers.remove("--always-on")
                        ? BenchmarkRoom.Sending.ALWAYS
                        : BenchmarkRoom.Sending.DTX;
        int rooms = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : 160;
        int seconds = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : 90;
        int liveRooms = numbers.size() > 2 ? Integer.parseInt(numbers.get(2)) : 12;
        int liveSeconds = numbers.size() > 3 ? Integer.parseInt(numbers.get(3)) : 30;
        Path work = Files.createTempDirectory("recorder-benchmark-");
        Path text = Path.of(System.getProperty("user.dir")).resolve("../../../shared/DESIGN.md");
        if (!Files.exists(text)) {
            text = work.resolve("speech.txt");
            Files.writeString(
                    text,
                    "Every speaker of a live audio room is recorded, mixed and archived. "
                            .repeat(40));
        }
        JobsConfig defaults = JobsConfig.fromEnv(Map.of());
        long chunkSeconds = defaults.recorder().chunkMillis() / 1000;
        Process driver =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx1g",
                                "-Dlog4j2.configurationFile=classpath:log4j2.properties",
                                "-cp",
                                classpath(),
                                BenchmarkDriver.class.getName(),
                                String.valueOf(rooms),
                                String.valueOf(seconds),
                                String.valueOf(liveRooms),
                                String.valueOf(liveSeconds),
                                String.valueOf(chunkSeconds),
                                work.toString(),
                                text.toAbsolutePath().toString(),
                                sending.name())
                        .redirectError(work.resolve("driver.log").toFile())
                        .start();
        BufferedReader from =
                new BufferedReader(
                        new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter to =
                new PrintWriter(
                        new OutputStreamWriter(driver.getOutputStream(), StandardCharsets.UTF_8),
                        true);
        String[] endpoints = next(from, "ENDPOINTS").split(" ");
        Map<String, String> env = new HashMap<>();
        env.put("AIRCHECK_KAFKA_BOOTSTRAP", endpoints[1]);
        env.put("AIRCHECK_S3_ENDPOINT", endpoints[2]);
        env.put("AIRCHECK_S3_ACCESS_KEY", "test-access");
        env.put("AIRCHECK_S3_SECRET_KEY", "test-secret-key-0123456789");
        env.put("AIRCHECK_S3_BUCKET", "recorder-bench");
        env.put("AIRCHECK_JOBS", "recorder");
        env.put("AIRCHECK_CHECKPOINT_DIR", work.resolve("checkpoints").toUri().toString());
        // the recorder's own settings as the caller's environment gives them (e.g. the Opus
        // complexity)
        env.putAll(BenchmarkDriver.recorderEnv());
        JobsConfig config = JobsConfig.fromEnv(env);
        System.out.printf(
                "recorder settings: chunk %d ms, jitter %d ms, %s%n",
                config.recorder().chunkMillis(),
                config.recorder().allowanceMillis(),
                config.recorder().opusMaster()
                        ? "Opus master "
                                + config.recorder().opusApplication()
                                + ", complexity "
                                + config.recorder().opusComplexity()
                        : "no Opus master (M4A only)");
        RecorderPipeline.Topics topics =
                new RecorderPipeline.Topics(endpoints[3], endpoints[4], endpoints[5]);
        JobClient job = RecorderPipeline.start(config, topics, null);
        to.println("READY");

        Map<String, Double> cpuAt = new LinkedHashMap<>();
        Map<String, Double> wallAt = new LinkedHashMap<>();
        Map<String, String[]> results = new LinkedHashMap<>();
        Map<String, Map<String, Double>> threadCpu = new LinkedHashMap<>();
        String line;
        while ((line = from.readLine()) != null && !line.equals("DONE")) {
            if (line.startsWith("MARK ")) {
                cpuAt.put(line.substring(5), processCpuSeconds());
                threadCpu.put(line.substring(5), ThreadCpu.byGroup());
                wallAt.put(line.substring(5), System.nanoTime() / 1e9);
                to.println("ack");
            } else if (line.startsWith("RESULT error")) {
                System.err.println(line);
            } else if (line.startsWith("RESULT ")) {
                String[] fields = line.substring(7).split(" ");
                results.put(fields[0], fields);
            }
        }
        job.cancel().get();
        driver.getOutputStream().close();
        if (!driver.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            driver.destroy();
        }
        if (line == null) {
            throw new IllegalStateException(
                    "the driver stopped early; see " + work.resolve("driver.log"));
        }
        try {
            double jit =
                    ThreadCpu.difference(
                                    threadCpu.get("throughput-start"),
                                    threadCpu.get("throughput-end"))
                            .getOrDefault(ThreadCpu.JIT, 0.0);
            double liveJit =
                    ThreadCpu.difference(threadCpu.get("live-start"), threadCpu.get("live-end"))
                            .getOrDefault(ThreadCpu.JIT, 0.0);
            report(config, sending, rooms, seconds, cpuAt, wallAt, results, jit, liveJit);
        } catch (RuntimeException e) {
            System.out.println(
                    "cannot report: " + e + "; marks " + cpuAt + ", results " + results.keySet());
            e.printStackTrace(System.out);
        }
        for (String run : List.of("throughput", "live")) {
            System.out.println(
                    "where the job's CPU went in the " + run + " run (CPU-s by thread):");
            ThreadCpu.difference(threadCpu.get(run + "-start"), threadCpu.get(run + "-end"))
                    .entrySet()
                    .stream()
                    .limit(12)
                    .forEach(
                            e ->
                                    System.out.printf(
                                            Locale.ROOT,
                                            "  %6.1f  %s%n",
                                            e.getValue(),
                                            e.getKey()));
        }
        System.out.flush();
        System.exit(0);
    }

    private static void report(
            JobsConfig config,
            BenchmarkRoom.Sending sending,
            int rooms,
            int seconds,
            Map<String, Double> cpu,
            Map<String, Double> wall,
            Map<String, String[]> results,
            double jit,
            double liveJit) {
        double roomHours = rooms * seconds / 3600.0;
        double jobCpu = cpu.get("throughput-end") - cpu.get("throughput-start");
        double jobPerHour = jobCpu / roomHours;
        String[] cli = results.get("cli");
        double cliHours = Integer.parseInt(cli[1]) * Long.parseLong(cli[2]) / 1e6 / 3600;
        double cliPerHour = Double.parseDouble(cli[3]) / cliHours;
        String[] live = results.get("live");
        double liveHours = Integer.parseInt(live[1]) * Long.parseLong(live[2]) / 1e6 / 3600;
        double liveCpu = cpu.get("live-end") - cpu.get("live-start");
        System.out.printf(
                Locale.ROOT,
                "%nrecorder benchmark: 4-speaker rooms, Opus in (%s),"
                        + " chunk %d ms, jitter %d ms, parallelism %d, %d cores%n",
                sending == BenchmarkRoom.Sending.DTX
                        ? "microphones with DTX: quiet ones send a packet every 400 ms"
                        : "every mic sends all the time",
                config.recorder().chunkMillis(),
                config.recorder().allowanceMillis(),
                config.parallelism(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "throughput: %d rooms x %d s (%.3f room-hours) in %.1f s wall%n",
                rooms,
                seconds,
                roomHours,
                wall.get("throughput-end") - wall.get("throughput-start"));
        System.out.printf(
                Locale.ROOT,
                "  job (this process)  %7.1f CPU-s = %6.1f CPU-s per room-hour = %6.1f live rooms per core%n",
                jobCpu,
                jobPerHour,
                3600 / jobPerHour);
        double steady = (jobCpu - jit) / roomHours;
        System.out.printf(
                Locale.ROOT,
                "  job minus its JIT compilation (%.1f s, a start-up cost)      "
                        + " %6.1f CPU-s per room-hour = %6.1f live rooms per core%n",
                jit,
                steady,
                3600 / steady);
        System.out.printf(
                Locale.ROOT,
                "  FFmpeg CLI (%s runs) %7.1f CPU-s = %6.1f CPU-s per room-hour = %6.1f live rooms per core%n",
                cli[1],
                Double.parseDouble(cli[3]),
                cliPerHour,
                3600 / cliPerHour);
        System.out.printf(Locale.ROOT, "  job / CLI CPU ratio: %.2f%n", jobPerHour / cliPerHour);
        System.out.printf(
                Locale.ROOT,
                "live: %s rooms x %d s in real time, %.2f s apart, up to %d at once (%s segments)%n",
                live[1],
                Long.parseLong(live[2]) / 1_000_000,
                BenchmarkDriver.staggerUs(Integer.parseInt(live[1]), Long.parseLong(live[2])) / 1e6,
                Math.min(
                        Integer.parseInt(live[1]),
                        1
                                + Long.parseLong(live[2])
                                        / BenchmarkDriver.staggerUs(
                                                Integer.parseInt(live[1]),
                                                Long.parseLong(live[2]))),
                live[3]);
        System.out.printf(
                Locale.ROOT,
                "  job CPU while live: %.1f CPU-s per room-hour = %.1f live rooms per core;"
                        + " minus its JIT compilation (%.1f s): %.1f = %.1f%n",
                liveCpu / liveHours,
                3600 / (liveCpu / liveHours),
                liveJit,
                (liveCpu - liveJit) / liveHours,
                3600 / ((liveCpu - liveJit) / liveHours));
        printStats("  live edge, oldest audio of a segment -> listed", results.get("edge-oldest"));
        printStats("  live edge, newest audio of a segment -> listed", results.get("edge-newest"));
        printStats("  room closed -> masters stored               ", results.get("close"));
    }

    private static void printStats(String what, String[] s) {
        if (s == null || s[1].equals("none")) {
            System.out.println(what + ": no data");
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "%s: p50 %s s, p99 %s s, max %s s (n=%s)%n",
                what,
                s[1],
                s[2],
                s[3],
                s[4]);
    }

    private static String next(BufferedReader from, String prefix) throws Exception {
        String line;
        while ((line = from.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("the driver ended before " + prefix);
    }

    /**
     * This program's classpath (under exec:java the plugin's class loader's, not java.class.path).
     */
    private static String classpath() {
        if (Thread.currentThread().getContextClassLoader()
                instanceof java.net.URLClassLoader loader) {
            StringBuilder path = new StringBuilder();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    path.append(Path.of(url.toURI())).append(java.io.File.pathSeparator);
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return path.toString();
        }
        return System.getProperty("java.class.path");
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }
}
