package io.aircheck.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Interleaved signed 16-bit PCM: {@code samples[frame * channels + channel]}.
 *
 * <p>A plain value: no FFmpeg, no I/O. The array is not copied; treat it as read-only once it is in
 * a {@code PcmAudio}.
 */
public record PcmAudio(short[] samples, int sampleRate, int channels) {

    public PcmAudio {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be > 0, was " + sampleRate);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be > 0, was " + channels);
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(
                    samples.length
                            + " samples is not a whole number of "
                            + channels
                            + "-channel frames");
        }
    }

    /** Samples per channel. */
    public int frames() {
        return samples.length / channels;
    }

    /** Duration in microseconds (rounded down). */
    public long durationUs() {
        return frames() * 1_000_000L / sampleRate;
    }

    /**
     * Reads little-endian s16 bytes (the layout of WAV data and of {@code AudioFrame} PCM
     * payloads).
     */
    public static PcmAudio fromS16le(byte[] bytes, int sampleRate, int channels) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length % 2 != 0) {
            throw new IllegalArgumentException("odd byte count " + bytes.length + " for s16le PCM");
        }
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return new PcmAudio(samples, sampleRate, channels);
    }

    /** The samples as little-endian s16 bytes. */
    public byte[] toS16le() {
        byte[] bytes = new byte[samples.length * 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(samples);
        return bytes;
    }

    /**
     * One channel, the average of all channels (rounded toward zero); {@code this} if already mono.
     */
    public PcmAudio toMono() {
        if (channels == 1) {
            return this;
        }
        int frames = frames();
        short[] mono = new short[frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            int base = f * channels;
            for (int c = 0; c < channels; c++) {
                sum += samples[base + c];
            }
            mono[f] = (short) (sum / channels);
        }
        return new PcmAudio(mono, sampleRate, 1);
    }

    public static PcmAudio silence(int frames, int sampleRate, int channels) {
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0, was " + frames);
        }
        return new PcmAudio(new short[Math.multiplyExact(frames, channels)], sampleRate, channels);
    }

    /** Frames {@code [from, to)} as a new value. */
    public PcmAudio slice(int fromFrame, int toFrame) {
        if (fromFrame < 0 || toFrame < fromFrame || toFrame > frames()) {
            throw new IndexOutOfBoundsException(
                    "slice [" + fromFrame + ", " + toFrame + ") of " + frames() + " frames");
        }
        short[] part =
                java.util.Arrays.copyOfRange(samples, fromFrame * channels, toFrame * channels);
        return new PcmAudio(part, sampleRate, channels);
    }

    // records compare arrays by identity; audio values compare by content
    @Override
    public boolean equals(Object o) {
        return o instanceof PcmAudio p
                && sampleRate == p.sampleRate
                && channels == p.channels
                && java.util.Arrays.equals(samples, p.samples);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * java.util.Arrays.hashCode(samples) + sampleRate) + channels;
    }

    @Override
    public String toString() {
        return "PcmAudio["
                + frames()
                + " frames, "
                + sampleRate
                + " Hz, "
                + channels
                + " ch, "
                + durationUs() / 1000
                + " ms]";
    }
}
