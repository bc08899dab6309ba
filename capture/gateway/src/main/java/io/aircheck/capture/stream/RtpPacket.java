package io.aircheck.capture.stream;

import java.util.Arrays;

/**
 * One RTP packet (RFC 3550 §5.1) read from a datagram: the fixed header, the CSRC list and header
 * extension skipped, padding removed. The payload stays in the datagram's array ({@link
 * #payloadOffset()}, {@link #payloadLength()}); {@link #payload()} copies it.
 */
public final class RtpPacket {
    /** The fixed header's length. */
    public static final int HEADER_BYTES = 12;

    private final boolean marker;
    private final int payloadType;
    private final int sequence;
    private final long timestamp;
    private final long ssrc;
    private final int csrcCount;
    private final byte[] data;
    private final int payloadOffset;
    private final int payloadLength;

    private RtpPacket(
            boolean marker,
            int payloadType,
            int sequence,
            long timestamp,
            long ssrc,
            int csrcCount,
            byte[] data,
            int payloadOffset,
            int payloadLength) {
        this.marker = marker;
        this.payloadType = payloadType;
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.ssrc = ssrc;
        this.csrcCount = csrcCount;
        this.data = data;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
    }

    /**
     * Parses the first {@code length} bytes of {@code data}.
     *
     * @throws RtpFormatException when they are not an RTP version 2 packet whose CSRC list, header
     *     extension and padding fit in the datagram
     */
    public static RtpPacket parse(byte[] data, int length) throws RtpFormatException {
        if (length < HEADER_BYTES) {
            throw new RtpFormatException(
                    "a datagram of "
                            + length
                            + " bytes is shorter than an RTP header ("
                            + HEADER_BYTES
                            + " bytes)");
        }
        int first = data[0] & 0xff;
        int version = first >>> 6;
        if (version != 2) {
            throw new RtpFormatException(
                    "RTP version " + version + " (first byte 0x" + hex(first) + "); expected 2");
        }
        boolean padding = (first & 0x20) != 0;
        boolean extension = (first & 0x10) != 0;
        int csrcCount = first & 0x0f;
        int second = data[1] & 0xff;
        int offset = HEADER_BYTES + 4 * csrcCount;
        if (offset > length) {
            throw new RtpFormatException(
                    "the list of "
                            + csrcCount
                            + " CSRCs does not fit in a datagram of "
                            + length
                            + " bytes");
        }
        if (extension) {
            if (offset + 4 > length) {
                throw new RtpFormatException(
                        "the header extension does not fit in a datagram of " + length + " bytes");
            }
            int words = uint16(data, offset + 2);
            offset += 4 + 4 * words;
            if (offset > length) {
                throw new RtpFormatException(
                        "a header extension of "
                                + words
                                + " words does not fit in a datagram of "
                                + length
                                + " bytes");
            }
        }
        int end = length;
        if (padding) {
            int count = data[length - 1] & 0xff;
            if (count == 0 || offset + count > length) {
                throw new RtpFormatException(
                        "padding of "
                                + count
                                + " bytes is impossible with "
                                + (length - offset)
                                + " bytes after the header");
            }
            end -= count;
        }
        return new RtpPacket(
                (second & 0x80) != 0,
                second & 0x7f,
                uint16(data, 2),
                uint32(data, 4),
                uint32(data, 8),
                csrcCount,
                data,
                offset,
                end - offset);
    }

    /**
     * True when the datagram is RTCP sent on the RTP port (RFC 5761 §4: packet types 192-223 in the
     * second byte, which RTP never uses for audio).
     */
    public static boolean isRtcp(byte[] data, int length) {
        if (length < 2 || (data[0] & 0xc0) != 0x80) {
            return false;
        }
        int type = data[1] & 0xff;
        return type >= 192 && type <= 223;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** 16-bit sequence number, 0-65535. */
    public int sequence() {
        return sequence;
    }

    /** 32-bit media timestamp, 0-4294967295. */
    public long timestamp() {
        return timestamp;
    }

    /** 32-bit synchronization source, 0-4294967295. */
    public long ssrc() {
        return ssrc;
    }

    public int csrcCount() {
        return csrcCount;
    }

    public byte[] data() {
        return data;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return Arrays.copyOfRange(data, payloadOffset, payloadOffset + payloadLength);
    }

    static int uint16(byte[] data, int at) {
        return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
    }

    static long uint32(byte[] data, int at) {
        return ((data[at] & 0xffL) << 24)
                | ((data[at + 1] & 0xffL) << 16)
                | ((data[at + 2] & 0xffL) << 8)
                | (data[at + 3] & 0xffL);
    }

    private static String hex(int b) {
        return String.format("%02x", b);
    }
}
