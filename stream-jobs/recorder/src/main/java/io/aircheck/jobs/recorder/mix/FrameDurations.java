package io.aircheck.jobs.recorder.mix;

/**
 * How long a frame's audio is, from what the frame itself says: the sender's duration when set,
 * else the PCM payload size, else the Opus packet's table-of-contents byte (RFC 6716 §3.1).
 */
public final class FrameDurations {
    private static final int[] SILK_US = {10_000, 20_000, 40_000, 60_000};
    private static final int[] HYBRID_US = {10_000, 20_000};
    private static final int[] CELT_US = {2_500, 5_000, 10_000, 20_000};

    private FrameDurations() {}

    public static long estimateUs(Frame frame) {
        if (frame.durationUs() > 0) {
            return frame.durationUs();
        }
        if (frame.codec() == AudioCodec.PCM_S16LE
                && frame.sampleRate() > 0
                && frame.channels() > 0) {
            long samples = frame.payload().length / (2L * frame.channels());
            return samples * 1_000_000L / frame.sampleRate();
        }
        if (frame.codec() == AudioCodec.OPUS) {
            return opusPacketUs(frame.payload());
        }
        return 0;
    }

    /** The duration of an Opus packet, or 0 when the packet is too short to say. */
    public static long opusPacketUs(byte[] packet) {
        if (packet.length == 0) {
            return 0;
        }
        int toc = packet[0] & 0xff;
        int config = toc >> 3;
        int perFrame;
        if (config < 12) {
            perFrame = SILK_US[config % 4];
        } else if (config < 16) {
            perFrame = HYBRID_US[config % 2];
        } else {
            perFrame = CELT_US[config % 4];
        }
        int frames =
                switch (toc & 0x3) {
                    case 0 -> 1;
                    case 1, 2 -> 2;
                    default -> packet.length > 1 ? packet[1] & 0x3f : 0;
                };
        return (long) perFrame * frames;
    }
}
