package io.aircheck.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds ISO base media file format boxes (ISO 14496-12) in memory: big-endian fields appended in
 * order, then {@link #box} wraps them with their size and type. Pure.
 */
final class Mp4Box {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    static Mp4Box payload() {
        return new Mp4Box();
    }

    /** A full box's version and 24-bit flags. */
    static Mp4Box full(int version, int flags) {
        return new Mp4Box().u8(version).u24(flags);
    }

    Mp4Box u8(int v) {
        bytes.write(v);
        return this;
    }

    Mp4Box u16(int v) {
        return u8(v >> 8).u8(v);
    }

    Mp4Box u24(int v) {
        return u8(v >> 16).u16(v);
    }

    Mp4Box u32(long v) {
        return u16((int) (v >> 16)).u16((int) v);
    }

    Mp4Box u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    Mp4Box zeros(int n) {
        bytes.write(new byte[n], 0, n);
        return this;
    }

    Mp4Box fourcc(String type) {
        byte[] b = type.getBytes(StandardCharsets.US_ASCII);
        if (b.length != 4) {
            throw new IllegalArgumentException("not a four-character code: " + type);
        }
        bytes.writeBytes(b);
        return this;
    }

    Mp4Box bytes(byte[] b) {
        bytes.writeBytes(b);
        return this;
    }

    /** The unity transformation matrix of mvhd/tkhd. */
    Mp4Box unityMatrix() {
        return u32(0x00010000)
                .u32(0)
                .u32(0)
                .u32(0)
                .u32(0x00010000)
                .u32(0)
                .u32(0)
                .u32(0)
                .u32(0x40000000);
    }

    byte[] toBytes() {
        return bytes.toByteArray();
    }

    int size() {
        return bytes.size();
    }

    /** A box: 32-bit size, type, then the payload and child boxes in order. */
    static byte[] box(String type, Object... parts) {
        Mp4Box body = new Mp4Box();
        for (Object part : parts) {
            body.bytes(part instanceof Mp4Box b ? b.toBytes() : (byte[]) part);
        }
        return new Mp4Box().u32(8L + body.size()).fourcc(type).bytes(body.toBytes()).toBytes();
    }

    /** An MPEG-4 descriptor (ISO 14496-1): tag, then a 4-byte expandable length. */
    static byte[] descriptor(int tag, byte[]... parts) {
        Mp4Box body = new Mp4Box();
        for (byte[] part : parts) {
            body.bytes(part);
        }
        int n = body.size();
        return new Mp4Box()
                .u8(tag)
                .u8(0x80 | (n >> 21 & 0x7f))
                .u8(0x80 | (n >> 14 & 0x7f))
                .u8(0x80 | (n >> 7 & 0x7f))
                .u8(n & 0x7f)
                .bytes(body.toBytes())
                .toBytes();
    }
}
