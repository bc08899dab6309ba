package io.aircheck.capture.simulator;

import io.aircheck.media.OpusPacketEncoder;
import io.aircheck.media.PcmAudio;
import io.aircheck.protocol.v1.Codec;
import java.util.Arrays;

/** How a speaker's 20 ms frames are put on the wire: raw PCM s16le, or one Opus packet each. */
public enum FrameCodec {
    PCM(Codec.PCM_S16LE),
    OPUS(Codec.OPUS);

    static final int OPUS_BITRATE = 32_000;

    public final Codec wire;

    FrameCodec(Codec wire) {
        this.wire = wire;
    }

    public static FrameCodec parse(String name) {
        for (FrameCodec codec : values()) {
            if (codec.name().equalsIgnoreCase(name)) {
                return codec;
            }
        }
        throw new IllegalArgumentException("codec must be pcm or opus, got '" + name + "'");
    }

    /** A speaker's encoder: frame index → payload. Close it when the speaker is done. */
    FrameEncoder encoderFor(PcmAudio audio) {
        if (this == PCM) {
            return new FrameEncoder(audio, null);
        }
        return new FrameEncoder(
                audio, new OpusPacketEncoder(SimulatedRoom.SAMPLE_RATE, 1, OPUS_BITRATE));
    }

    /** Encodes one speaker's frames in order. */
    static final class FrameEncoder implements AutoCloseable {
        private final PcmAudio audio;
        private final OpusPacketEncoder opus;

        private FrameEncoder(PcmAudio audio, OpusPacketEncoder opus) {
            this.audio = audio;
            this.opus = opus;
        }

        byte[] encode(int index) {
            int from = index * SimulatedRoom.SAMPLES_PER_FRAME;
            short[] samples =
                    Arrays.copyOfRange(
                            audio.samples(), from, from + SimulatedRoom.SAMPLES_PER_FRAME);
            if (opus != null) {
                return opus.encode(samples);
            }
            return new PcmAudio(samples, SimulatedRoom.SAMPLE_RATE, 1).toS16le();
        }

        @Override
        public void close() {
            if (opus != null) {
                opus.close();
            }
        }
    }
}
