package io.aircheck.media;

import java.util.Arrays;
import org.bytedeco.javacpp.ShortPointer;

/** A {@link PcmSink} that keeps everything: a growable short array. */
final class PcmCollector implements PcmSink {

    private final int channels;
    private short[] samples;
    private int size;

    PcmCollector(int channels) {
        this(channels, 48_000);
    }

    PcmCollector(int channels, int initialCapacity) {
        this.channels = channels;
        this.samples = new short[initialCapacity];
    }

    @Override
    public void accept(short[] interleaved, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(interleaved, offset, samples, size, length);
        size += length;
    }

    /** Appends {@code length} samples straight from native memory. */
    void accept(ShortPointer interleaved, int length) {
        ensureRoom(length);
        interleaved.position(0).get(samples, size, length);
        size += length;
    }

    private void ensureRoom(int length) {
        if (length % channels != 0) {
            throw new IllegalArgumentException(
                    length + " samples is not whole " + channels + "-channel frames");
        }
        if (size + length > samples.length) {
            long wanted = Math.max((long) size + length, samples.length * 2L);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(
                        "audio too long to hold in memory: use AudioFileReader.stream");
            }
            samples = Arrays.copyOf(samples, (int) wanted);
        }
    }

    short[] toArray() {
        return Arrays.copyOf(samples, size);
    }

    /** Everything collected so far; starts over empty (keeping the buffer). */
    short[] drain() {
        short[] all = toArray();
        size = 0;
        return all;
    }
}
