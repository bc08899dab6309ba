package io.aircheck.capture.stream;

/**
 * What the gateway needs to know of an Opus packet without decoding it: its duration, from the
 * table-of-contents byte (RFC 6716 §3.1) and, for code 3, the frame count byte (§3.2.5).
 */
public final class OpusPackets {
    /** RFC 6716 §3.2.5: a packet never holds more than 120 ms of audio. */
    public static final int MAX_DURATION_US = 120_000;

    private static final int[] SILK_US = {10_000, 20_000, 40_000, 60_000};
    private static final int[] HYBRID_US = {10_000, 20_000};
    private static final int[] CELT_US = {2_500, 5_000, 10_000, 20_000};

    private OpusPackets() {}

    /**
     * The packet's duration in µs, or a negative number when the bytes cannot be an Opus packet
     * (empty, a code 3 packet without its frame count, no frames, or more than 120 ms).
     */
    public static int durationUs(byte[] data, int offset, int length) {
        if (length < 1) {
            return -1;
        }
        int toc = data[offset] & 0xff;
        int config = toc >>> 3;
        int perFrame;
        if (config < 12) {
            perFrame = SILK_US[config % 4];
        } else if (config < 16) {
            perFrame = HYBRID_US[config % 2];
        } else {
            perFrame = CELT_US[config % 4];
        }
        int frames;
        switch (toc & 0x3) {
            case 0 -> frames = 1;
            case 1, 2 -> frames = 2;
            default -> {
                if (length < 2) {
                    return -1;
                }
                frames = data[offset + 1] & 0x3f;
            }
        }
        long total = (long) perFrame * frames;
        if (frames == 0 || total > MAX_DURATION_US) {
            return -1;
        }
        return (int) total;
    }
}
