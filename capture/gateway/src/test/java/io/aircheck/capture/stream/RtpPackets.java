package io.aircheck.capture.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Builds RTP datagrams as senders put them on the wire (tests). */
public final class RtpPackets {
    /** An Opus TOC byte: config 15 (hybrid fullband 20 ms), one frame. */
    public static final byte OPUS_20MS_TOC = (byte) (15 << 3);

    private RtpPackets() {}

    /** A plain packet: no CSRC, no extension, no padding. */
    public static byte[] packet(
            int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
        return packet(payloadType, sequence, timestamp, ssrc, payload, 0, false, 0);
    }

    /** A packet with {@code csrcs} CSRCs, an optional 2-word extension and padding. */
    public static byte[] packet(
            int payloadType,
            int sequence,
            long timestamp,
            long ssrc,
            byte[] payload,
            int csrcs,
            boolean extension,
            int padding) {
        int length = 12 + 4 * csrcs + (extension ? 12 : 0) + payload.length + padding;
        ByteBuffer b = ByteBuffer.allocate(length);
        int first = 0x80 | (padding > 0 ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcs;
        b.put((byte) first).put((byte) (0x80 | payloadType)).putShort((short) sequence);
        b.putInt((int) timestamp).putInt((int) ssrc);
        for (int i = 0; i < csrcs; i++) {
            b.putInt(1000 + i);
        }
        if (extension) {
            b.putShort((short) 0xBEDE).putShort((short) 2).putInt(0x10ff0000).putInt(0);
        }
        b.put(payload);
        if (padding > 0) {
            byte[] pad = new byte[padding];
            pad[padding - 1] = (byte) padding;
            b.put(pad);
        }
        return b.array();
    }

    /** A 20 ms Opus packet whose bytes after the TOC say {@code marker}. */
    public static byte[] opus20ms(int marker, int size) {
        byte[] payload = new byte[Math.max(2, size)];
        payload[0] = OPUS_20MS_TOC;
        Arrays.fill(payload, 1, payload.length, (byte) marker);
        return payload;
    }

    public static RtpPacket parse(byte[] datagram) {
        try {
            return RtpPacket.parse(datagram, datagram.length);
        } catch (RtpFormatException e) {
            throw new AssertionError(e);
        }
    }
}
