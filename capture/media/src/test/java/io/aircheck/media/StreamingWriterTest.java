package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ten minutes in 20 ms pieces: memory stays flat, the output has every sample. */
class StreamingWriterTest {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingWriterTest.class);
    private static final int RATE = 48_000;
    private static final int PIECE = RATE / 50;
    private static final int PIECES = 10 * 60 * 50;

    @TempDir Path dir;

    @Test
    void tenMinutesOfFlacInTwentyMillisecondPieces() throws Exception {
        Path file = dir.resolve("long.flac");
        short[] piece = new short[PIECE];
        long rssBefore = Pointer.physicalBytes();
        long heapBefore = usedHeap();
        int maxBuffered = 0;
        long started = System.nanoTime();

        try (AudioFileWriter writer = AudioFileWriter.open(file, AudioFormat.FLAC, RATE, 1, 0)) {
            for (int p = 0; p < PIECES; p++) {
                fillSine(piece, p * PIECE);
                writer.write(piece, 0, PIECE);
                maxBuffered = Math.max(maxBuffered, writer.bufferedSamples());
            }
            assertThat(writer.samplesEncoded()).isGreaterThan((long) PIECES * PIECE - 4608);
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        long rssGrowth = Pointer.physicalBytes() - rssBefore;
        long heapGrowth = usedHeap() - heapBefore;
        LOG.info(
                "10 min FLAC in {} s ({}x real time); buffered at most {} samples; RSS +{} MB, heap +{} MB",
                String.format("%.2f", seconds),
                Math.round(600 / seconds),
                maxBuffered,
                rssGrowth >> 20,
                heapGrowth >> 20);
        // one 4608-sample FLAC frame plus one piece, never the 28.8 M samples written
        assertThat(maxBuffered).isLessThan(4608 + PIECE);
        // holding the audio would take 55 MB of PCM
        assertThat(heapGrowth).isLessThan(16L << 20);
        assertThat(rssGrowth).isLessThan(48L << 20);

        CountingSink sink = new CountingSink();
        long frames = new AudioFileReader().stream(file, RATE, 1, sink);
        assertThat(frames).isEqualTo((long) PIECES * PIECE);
        assertThat(sink.mismatches).isZero();
        assertThat(Ffprobe.probe(file).durationSeconds()).isCloseTo(600.0, within(0.001));
    }

    private static void fillSine(short[] piece, long start) {
        for (int i = 0; i < piece.length; i++) {
            piece[i] = sineAt(start + i);
        }
    }

    private static short sineAt(long sample) {
        return (short) Math.round(10_000 * Math.sin(2 * Math.PI * 1000 * (sample % RATE) / RATE));
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Checks each decoded sample against the signal written, without keeping any. */
    private static final class CountingSink implements PcmSink {
        long position;
        long mismatches;

        @Override
        public void accept(short[] interleaved, int offset, int length) {
            for (int i = 0; i < length; i++) {
                if (interleaved[offset + i] != sineAt(position++)) {
                    mismatches++;
                }
            }
        }
    }
}
