package io.aircheck.storage.export;

import io.aircheck.config.S3Settings;
import io.aircheck.infra.embedded.EmbeddedS3;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.manifest.Manifest;
import io.aircheck.storage.manifest.ManifestEntry;
import io.aircheck.storage.manifest.ManifestJson;
import io.aircheck.storage.s3.S3ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * How fast a large export is prepared, streamed and verified, and that it streams: a session of
 * {@code --tracks} speaker tracks of {@code --mb} MB each in the embedded S3 server (filesystem
 * backend under {@code --data}), prepared (every byte read and hashed), streamed whole to a
 * verifier through a pipe (nothing buffered), and resumed from the middle. Prints throughput and
 * the heap's peak use. Run by hand (test sources):
 *
 * <pre>
 * mvn -B -o -q -pl storage test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.aircheck.storage.export.ExportBenchmark -Dexec.args="--tracks 4 --mb 256"
 * </pre>
 */
public final class ExportBenchmark {
    private ExportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tracks = 4;
        int mb = 256;
        Path data = Path.of("/tmp/aircheck-export-bench");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tracks" -> tracks = Integer.parseInt(args[i + 1]);
                case "--mb" -> mb = Integer.parseInt(args[i + 1]);
                case "--data" -> data = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(data);
        try (EmbeddedS3 s3 = EmbeddedS3.start(data.resolve("s3"), 0, "bench", "bench-secret-key");
                S3ObjectStore store =
                        S3ObjectStore.connect(
                                new S3Settings(
                                        s3.endpoint(),
                                        "bench",
                                        "bench-secret-key",
                                        "export-bench",
                                        "us-east-1"))) {
            long bytes = seed(store, tracks, mb, data);
            SigningKeys.Signer key = SigningKeys.generate();
            ExportRequest request =
                    new ExportRequest(
                            "bench",
                            "CASE-BENCH",
                            "bench (auditor)",
                            Instant.now(),
                            ExportScope.session("bench", "s1"),
                            List.of(new ExportRequest.Session("bench", "s1")));

            resetPeaks();
            long t0 = System.nanoTime();
            BundlePreparer.Prepared prepared =
                    new BundlePreparer(store, key).prepare(request, BundlePreparer.Progress.NONE);
            double prepare = (System.nanoTime() - t0) / 1e9;
            long prepareHeap = heapPeak();

            BundleLayout layout = prepared.layout();
            resetPeaks();
            t0 = System.nanoTime();
            PipedInputStream pipe = new PipedInputStream(1 << 20);
            PipedOutputStream sink = new PipedOutputStream(pipe);
            CompletableFuture<VerificationReport> verified =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try (InputStream in = pipe) {
                                    return new BundleVerifier(key.verifier()).verify(in);
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
            try (OutputStream out = sink) {
                new BundleWriter(layout, store::open).write(out, BundleWriter.Progress.NONE);
            }
            VerificationReport report = verified.join();
            double stream = (System.nanoTime() - t0) / 1e9;
            long streamHeap = heapPeak();

            t0 = System.nanoTime();
            long half = layout.length() / 2;
            try (OutputStream out = OutputStream.nullOutputStream()) {
                new BundleWriter(layout, store::open)
                        .write(out, half, layout.length(), BundleWriter.Progress.NONE);
            }
            double resume = (System.nanoTime() - t0) / 1e9;

            double mbTotal = bytes / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "bundle: %d files, %.0f MB of content, %.0f MB bundle; verification %s%n",
                    layout.manifest().files().size(),
                    mbTotal,
                    layout.length() / 1e6,
                    report.ok() ? "OK" : report.problems());
            System.out.printf(
                    Locale.ROOT,
                    "prepare (read + sha256 + durations from S3): %.1f s, %.0f MB/s, heap peak %d MB%n",
                    prepare,
                    mbTotal / prepare,
                    prepareHeap);
            System.out.printf(
                    Locale.ROOT,
                    "stream + verify through a pipe (S3 -> tar -> verifier): %.1f s, %.0f MB/s, heap peak %d MB%n",
                    stream,
                    layout.length() / 1e6 / stream,
                    streamHeap);
            System.out.printf(
                    Locale.ROOT,
                    "resume from the middle (HTTP Range shape): %.1f s for %.0f MB, %.0f MB/s%n",
                    resume,
                    (layout.length() - half) / 1e6,
                    (layout.length() - half) / 1e6 / resume);
            System.out.printf(
                    Locale.ROOT,
                    "max heap %d MB: the bundle is %.1fx the heap's peak use while streaming%n",
                    Runtime.getRuntime().maxMemory() >> 20,
                    layout.length() / 1e6 / Math.max(1, streamHeap));
        }
    }

    private static long seed(S3ObjectStore store, int tracks, int mb, Path data) throws Exception {
        List<ManifestEntry> entries = new ArrayList<>();
        long total = 0;
        Random random = new Random(42);
        byte[] buffer = new byte[1 << 20];
        for (int t = 0; t < tracks; t++) {
            String speaker = "speaker" + t;
            Path file = data.resolve(speaker + ".opus");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int i = 0; i < mb; i++) {
                    random.nextBytes(buffer);
                    out.write(buffer);
                    sha.update(buffer);
                }
            }
            String k = ObjectKeys.track("bench", "s1", speaker, "opus");
            store.put(k, file, "audio/ogg");
            Files.delete(file);
            entries.add(
                    new ManifestEntry(
                            k,
                            "track",
                            "audio/ogg",
                            (long) mb << 20,
                            0,
                            0,
                            speaker,
                            "",
                            HexFormat.of().formatHex(sha.digest())));
            total += (long) mb << 20;
        }
        store.put(
                ObjectKeys.manifest("bench", "s1"),
                ManifestJson.write(Manifest.of("bench", "s1", 0, 1, entries))
                        .getBytes(StandardCharsets.UTF_8),
                "application/json");
        return total;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
