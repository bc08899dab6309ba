package io.aircheck.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Encode and decode speed in "x real time" on one thread (= per core). Not a test: run it with
 *
 * <pre>
 * mvn -B -q -pl capture/media test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.aircheck.media.MediaBenchmark [-Dexec.args=speech.wav]
 * </pre>
 *
 * Input: the given file, else 120 s of a synthetic voice-like signal (harmonics with vibrato and
 * noise), 48 kHz mono. Each figure is the best of three runs after a warm-up.
 */
public final class MediaBenchmark {

    private static final int RATE = 48_000;

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        new OpusPacketEncoder(RATE, 1, 0).close();
        System.out.printf(
                Locale.ROOT,
                "first use (load natives, open libopus): %.0f ms%n",
                (System.nanoTime() - start) / 1e6);

        PcmAudio pcm =
                args.length > 0
                        ? new AudioFileReader().read(Path.of(args[0]), RATE, 1)
                        : voiceLike(120);
        double seconds = pcm.durationUs() / 1e6;
        System.out.printf(Locale.ROOT, "input: %.1f s, %d Hz mono%n%n", seconds, RATE);
        Path dir = Files.createTempDirectory("aircheck-bench");
        System.out.printf(Locale.ROOT, "%-28s %12s %14s%n", "operation", "x real time", "output");
        for (AudioFormat format : AudioFormat.values()) {
            Path file = dir.resolve("bench." + format.extension());
            double encode = best(() -> AudioFileRoundTripTest.writeIn20msPieces(pcm, file, format));
            long bytes = Files.size(file);
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %12.0f %9.1f kb/s%n",
                    "encode " + format,
                    seconds / encode,
                    bytes * 8 / seconds / 1000);
            double decode =
                    best(() -> new AudioFileReader().stream(file, RATE, 1, (s, o, l) -> {}));
            System.out.printf(Locale.ROOT, "%-28s %12.0f%n", "decode " + format, seconds / decode);
        }

        List<byte[]> packets = new ArrayList<>();
        double encode =
                best(
                        () -> {
                            packets.clear();
                            try (OpusPacketEncoder encoder = new OpusPacketEncoder(RATE, 1, 0)) {
                                for (int at = 0; at + 960 <= pcm.samples().length; at += 960) {
                                    packets.add(
                                            encoder.encode(
                                                    Arrays.copyOfRange(
                                                            pcm.samples(), at, at + 960)));
                                }
                            }
                        });
        long packetBytes = packets.stream().mapToLong(p -> p.length).sum();
        System.out.printf(
                Locale.ROOT,
                "%-28s %12.0f %9.1f kb/s  (%.0f packets/s)%n",
                "OpusPacketEncoder",
                seconds / encode,
                packetBytes * 8 / seconds / 1000,
                packets.size() / encode);
        double fast =
                best(
                        () -> {
                            try (OpusPacketEncoder encoder = new OpusPacketEncoder(RATE, 1, 0, 5)) {
                                for (int at = 0; at + 960 <= pcm.samples().length; at += 960) {
                                    encoder.encode(Arrays.copyOfRange(pcm.samples(), at, at + 960));
                                }
                            }
                        });
        System.out.printf(
                Locale.ROOT, "%-28s %12.0f%n", "OpusPacketEncoder level 5", seconds / fast);
        double decode =
                best(
                        () -> {
                            try (OpusPacketDecoder decoder = new OpusPacketDecoder(RATE, 1)) {
                                for (byte[] packet : packets) {
                                    decoder.decode(packet);
                                }
                            }
                        });
        System.out.printf(
                Locale.ROOT,
                "%-28s %12.0f %14s  (%.0f packets/s)%n",
                "OpusPacketDecoder",
                seconds / decode,
                "",
                packets.size() / decode);
        for (Path f : Files.newDirectoryStream(dir)) {
            Files.delete(f);
        }
        Files.delete(dir);
    }

    interface Run {
        void run() throws Exception;
    }

    /** Best wall time in seconds of three runs after one warm-up. */
    private static double best(Run run) throws Exception {
        run.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            run.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    /**
     * A voice-like test signal: a 120-200 Hz glottal tone with harmonics, syllable envelope, noise.
     */
    static PcmAudio voiceLike(double seconds) {
        int n = (int) (seconds * RATE);
        short[] samples = new short[n];
        java.util.Random noise = new java.util.Random(7);
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double pitch = 160 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / RATE;
            double voice = 0;
            for (int h = 1; h <= 12; h++) {
                voice += Math.sin(h * phase) / h;
            }
            double syllables = Math.max(0, Math.sin(2 * Math.PI * 3 * t));
            double value = 0.25 * syllables * voice + 0.01 * noise.nextGaussian();
            samples[i] = (short) Math.max(-32768, Math.min(32767, Math.round(value * 32767)));
        }
        return new PcmAudio(samples, RATE, 1);
    }
}
