package io.aircheck.jobs.recorder.track;

import io.aircheck.jobs.recorder.mix.AudioCodec;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.mix.FrameKind;

/** Test frames of one speaker's track. */
final class TrackFrames {
    static final long T0 = 1_700_000_000_000_000L;

    private TrackFrames() {}

    /** A 20 ms CELT fullband Opus packet (config 31, code 0) with arbitrary data. */
    static Frame opus(long sequence, long atUs) {
        byte[] packet = new byte[40];
        packet[0] = (byte) (31 << 3);
        packet[1] = (byte) sequence;
        return frame(AudioCodec.OPUS, sequence, atUs, packet, 48_000, 1);
    }

    /** 20 ms of 16 kHz mono PCM at a constant value. */
    static Frame pcm16k(long sequence, long atUs, short value) {
        byte[] payload = new byte[320 * 2];
        for (int i = 0; i < 320; i++) {
            payload[2 * i] = (byte) value;
            payload[2 * i + 1] = (byte) (value >> 8);
        }
        return frame(AudioCodec.PCM_S16LE, sequence, atUs, payload, 16_000, 1);
    }

    static Frame frame(
            AudioCodec codec, long sequence, long atUs, byte[] payload, int rate, int ch) {
        return new Frame(
                FrameKind.MEDIA,
                "room",
                "s1",
                "alice",
                "mic",
                sequence,
                atUs,
                codec,
                rate,
                ch,
                payload,
                0,
                0,
                sequence);
    }
}
