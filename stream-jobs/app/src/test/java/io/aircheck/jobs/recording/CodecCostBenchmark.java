package io.aircheck.jobs.recording;

import io.aircheck.media.AacPacketEncoder;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.OpusPacketDecoder;
import io.aircheck.media.OpusPacketEncoder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What the recorder's codec work costs by itself, per room-hour on one core, with the codecs the
 * job uses (JavaCPP's FFmpeg) the way it uses them (a fresh encoder per 3 s chunk, warmed up on the
 * previous chunk's end), in this thread's CPU time: the Opus master's libopus encode at several
 * complexities, the AAC encode of the HLS/M4A stream, and the decoding of four speakers' Opus. The
 * floor under {@link RecorderBenchmark}'s live rooms per core: 100 rooms per core is 36 CPU-s per
 * room-hour in all.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) \
 *   io.aircheck.jobs.recording.CodecCostBenchmark       (from stream-jobs/app, as RecorderBenchmark)
 * </pre>
 */
public final class CodecCostBenchmark {
    private static final int RATE = 48_000;
    private static final int SECONDS = 60;
    private static final int CHUNK = 3 * RATE;

    private CodecCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path wav = Files.createTempFile("codec-cost-", ".wav");
        Ffmpeg.run(
                List.of(
                        "espeak-ng",
                        "-w",
                        wav.toString(),
                        "Every speaker of a live audio room is recorded, mixed and archived. The"
                                + " recorder keeps each speaker's own track and the mixed room."));
        short[] voice = AudioFileReader.lenient().read(wav, RATE, 1).samples();
        Files.delete(wav);
        short[] pcm = new short[(SECONDS + 1) * RATE];
        Random noise = new Random(42);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (voice[i % voice.length] + noise.nextGaussian() * 30);
        }
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            System.out.printf(Locale.ROOT, "%nround %d (per room-hour, one core)%n", round + 1);
            for (var application : OpusPacketEncoder.Application.values()) {
                for (int bitrate : new int[] {32_000, 48_000}) {
                    for (int complexity : new int[] {10, 5, 3, 0}) {
                        double[] made = opus(pcm, application, bitrate, complexity);
                        report(
                                String.format(
                                        Locale.ROOT,
                                        "Opus master %s %d kb/s, complexity %d (%.1f kb/s out)",
                                        application,
                                        bitrate / 1000,
                                        complexity,
                                        made[1]),
                                made[0]);
                    }
                }
            }
            report("AAC-LC 64 kb/s (aac_coder fast)", aac(pcm));
            report("Opus decode of 4 speakers", 4 * decode(pcm));
        }
    }

    /** This thread's CPU time (the codecs run on it, native code included). */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void report(String what, double seconds) {
        System.out.printf(
                Locale.ROOT,
                "  %-60s %6.1f CPU-s (%4.0fx real time)%n",
                what,
                seconds * 3600 / SECONDS,
                SECONDS / seconds);
    }

    /** CPU seconds of the encode, and the bitrate (kb/s) of the packets the job keeps. */
    private static double[] opus(
            short[] pcm, OpusPacketEncoder.Application application, int bitrate, int complexity) {
        long start = cpuNanos();
        long bytes = 0;
        for (int chunk = 0; chunk < SECONDS / 3; chunk++) {
            try (OpusPacketEncoder encoder =
                    new OpusPacketEncoder(RATE, 1, bitrate, complexity, application)) {
                for (int frame = 0; frame < CHUNK / 960 + 8; frame++) { // + the job's warm-up
                    byte[] packet = encoder.encode(pcm, chunk * CHUNK + frame * 960);
                    bytes += frame >= 8 ? packet.length : 0;
                }
            }
        }
        return new double[] {(cpuNanos() - start) / 1e9, bytes * 8.0 / SECONDS / 1000};
    }

    private static double aac(short[] pcm) {
        long start = cpuNanos();
        for (int chunk = 0; chunk < SECONDS / 3; chunk++) {
            try (AacPacketEncoder encoder = new AacPacketEncoder(RATE, 1, 64_000)) {
                for (int frame = 0; frame < CHUNK / 1024 + 4; frame++) {
                    encoder.encode(pcm, chunk * CHUNK + frame * 1024);
                }
                encoder.flush();
            }
        }
        return (cpuNanos() - start) / 1e9;
    }

    /** One speaker's minute of 20 ms packets (as a microphone sends them), decoded. */
    private static double decode(short[] pcm) throws Exception {
        List<byte[]> packets = new ArrayList<>();
        try (OpusPacketEncoder encoder = new OpusPacketEncoder(RATE, 1, 32_000, 5)) {
            for (int frame = 0; frame < SECONDS * 50; frame++) {
                packets.add(encoder.encode(pcm, frame * 960));
            }
        }
        long start = cpuNanos();
        try (OpusPacketDecoder decoder = OpusPacketDecoder.withoutConcealment(RATE, 1)) {
            for (byte[] packet : packets) {
                decoder.decode(packet);
            }
        }
        return (cpuNanos() - start) / 1e9;
    }
}
