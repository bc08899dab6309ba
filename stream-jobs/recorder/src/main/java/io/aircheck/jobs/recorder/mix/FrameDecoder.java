package io.aircheck.jobs.recorder.mix;

/**
 * Turns one track's frames into mono PCM at the mix rate. One instance per track and chunk:
 * stateful codecs (Opus) keep their state between the frames of a track, in order.
 */
public interface FrameDecoder extends AutoCloseable {

    /** Mono samples at the mix rate for the frame's payload. */
    short[] decode(Frame frame) throws UndecodableFrameException;

    @Override
    default void close() {}

    /** Makes a decoder for one track. */
    @FunctionalInterface
    interface Factory extends java.io.Serializable {
        FrameDecoder forTrack(AudioCodec codec, int sampleRate, int channels, int mixRate)
                throws UndecodableFrameException;
    }
}
