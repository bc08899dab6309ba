package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances on different threads do not interfere: each gets what it would get alone. */
class ConcurrencyTest {

    @TempDir Path dir;

    @Test
    void parallelEncodersAndDecodersMatchASingleThreadedRun() throws Exception {
        PcmAudio sine = Signals.sine(700, 2.0, 48_000, 1, 0.4);
        List<byte[]> expectedPackets = opusPackets(sine);
        byte[] expectedFlac = AudioEncoding.encode(sine, AudioFormat.FLAC);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int task = t;
                Callable<Boolean> work =
                        () -> {
                            if (task % 2 == 0) {
                                List<byte[]> packets = opusPackets(sine);
                                return packets.size() == expectedPackets.size()
                                        && sameBytes(packets, expectedPackets);
                            }
                            Path file = dir.resolve("t" + task + ".flac");
                            AudioFileRoundTripTest.writeIn20msPieces(sine, file, AudioFormat.FLAC);
                            return Arrays.equals(Files.readAllBytes(file), expectedFlac)
                                    && new AudioFileReader().read(file, 48_000, 1).equals(sine);
                        };
                results.add(pool.submit(work));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<byte[]> opusPackets(PcmAudio pcm) {
        List<byte[]> packets = new ArrayList<>();
        try (OpusPacketEncoder encoder = new OpusPacketEncoder(48_000, 1, 0)) {
            for (int at = 0; at + 960 <= pcm.samples().length; at += 960) {
                packets.add(encoder.encode(Arrays.copyOfRange(pcm.samples(), at, at + 960)));
            }
        }
        return packets;
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
