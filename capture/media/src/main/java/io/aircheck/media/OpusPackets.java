package io.aircheck.media;

import java.util.ArrayList;
import java.util.List;

/**
 * What a raw Opus packet (RFC 6716) says about itself, and packets that stand for audio that never
 * arrived. Pure: reads only the table-of-contents byte and the frame count.
 */
public final class OpusPackets {
    /** The smallest Opus frame, 2.5 ms at 48 kHz: gaps are filled in multiples of this. */
    public static final int MIN_FRAME_SAMPLES = 120;

    /** An Opus packet holds at most 120 ms. */
    public static final int MAX_PACKET_SAMPLES = 5760;

    /** CELT-only, fullband, 2.5 ms (RFC 6716 table 2). */
    private static final int CELT_FB_2_5_MS = 28;

    /** CELT-only, fullband, 20 ms. */
    private static final int CELT_FB_20_MS = 31;

    private OpusPackets() {}

    /**
     * Samples per channel at 48 kHz the packet decodes to, or 0 when the packet is empty or its
     * frame count is invalid.
     */
    public static int samples(byte[] packet) {
        if (packet == null || packet.length == 0) {
            return 0;
        }
        int toc = packet[0] & 0xff;
        int frames =
                switch (toc & 0x3) {
                    case 0 -> 1;
                    case 1, 2 -> 2;
                    default -> packet.length > 1 ? packet[1] & 0x3f : 0;
                };
        int total = frames * frameSamples(toc >> 3);
        return total > MAX_PACKET_SAMPLES ? 0 : total;
    }

    /** Samples per channel at 48 kHz of one frame of the given configuration (0..31). */
    static int frameSamples(int config) {
        if (config < 12) {
            return new int[] {480, 960, 1920, 2880}[config % 4]; // SILK: 10, 20, 40, 60 ms
        }
        if (config < 16) {
            return config % 2 == 0 ? 480 : 960; // hybrid: 10, 20 ms
        }
        return new int[] {120, 240, 480, 960}[config % 4]; // CELT: 2.5, 5, 10, 20 ms
    }

    /**
     * Packets that carry no audio data and decode to {@code samples} of concealment: every frame is
     * zero-length, which RFC 6716 §3.2.1 defines as a lost frame (DTX), so a decoder applies its
     * packet-loss concealment, fading to silence. Used to keep a remuxed stream's timeline where
     * packets never arrived, without inventing audio.
     *
     * @param templateToc the TOC byte of the track's previous packet (its mode, bandwidth, frame
     *     size and stereo flag are kept), or -1 if none
     * @param samples at 48 kHz; a multiple of {@link #MIN_FRAME_SAMPLES}
     */
    public static List<byte[]> lost(int templateToc, long samples) {
        if (samples < 0 || samples % MIN_FRAME_SAMPLES != 0) {
            throw new IllegalArgumentException(
                    "a gap is a multiple of " + MIN_FRAME_SAMPLES + " samples, got " + samples);
        }
        int stereo = templateToc >= 0 ? templateToc & 0x4 : 0;
        int config = templateToc >= 0 ? (templateToc & 0xff) >> 3 : CELT_FB_20_MS;
        int frame = frameSamples(config);
        List<byte[]> packets = new ArrayList<>();
        long whole = samples / frame;
        int perPacket = Math.min(48, MAX_PACKET_SAMPLES / frame);
        while (whole > 0) {
            int n = (int) Math.min(perPacket, whole);
            packets.add(emptyFrames(config, stereo, n));
            whole -= n;
        }
        int rest = (int) (samples % frame);
        if (rest > 0) {
            packets.add(emptyFrames(CELT_FB_2_5_MS, stereo, rest / MIN_FRAME_SAMPLES));
        }
        return packets;
    }

    /** A code-3 packet of {@code count} constant-bitrate frames of zero bytes each. */
    private static byte[] emptyFrames(int config, int stereo, int count) {
        return new byte[] {(byte) (config << 3 | stereo | 0x3), (byte) count};
    }
}
