package io.aircheck.media;

/**
 * Receives decoded PCM piece by piece: interleaved s16, {@code length} samples (a whole number of
 * frames) from {@code offset}. The array is reused after the call returns. {@code
 * AudioFileWriter::write} is one.
 */
@FunctionalInterface
public interface PcmSink {
    void accept(short[] interleaved, int offset, int length) throws AudioCodecException;
}
