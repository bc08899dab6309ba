package io.aircheck.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** An independent Ogg page reader for tests: pages with their fields, packets reassembled. */
final class OggPages {
    record Page(int flags, long granule, int serial, int sequence, int crc, int computedCrc) {}

    final List<Page> pages = new ArrayList<>();
    final List<byte[]> packets = new ArrayList<>();

    OggPages(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (at < file.length) {
            if (file[at] != 'O'
                    || file[at + 1] != 'g'
                    || file[at + 2] != 'g'
                    || file[at + 3] != 'S') {
                throw new AssertionError("no capture pattern at " + at);
            }
            int segments = file[at + 26] & 0xff;
            int bodyAt = at + 27 + segments;
            int bodySize = 0;
            for (int i = 0; i < segments; i++) {
                bodySize += file[at + 27 + i] & 0xff;
            }
            byte[] copy = java.util.Arrays.copyOfRange(file, at, bodyAt + bodySize);
            copy[22] = copy[23] = copy[24] = copy[25] = 0;
            pages.add(
                    new Page(
                            file[at + 5],
                            b.getLong(at + 6),
                            b.getInt(at + 14),
                            b.getInt(at + 18),
                            b.getInt(at + 22),
                            crc(copy)));
            int offset = bodyAt;
            for (int i = 0; i < segments; i++) {
                int lace = file[at + 27 + i] & 0xff;
                packet.write(file, offset, lace);
                offset += lace;
                if (lace < 255) {
                    packets.add(packet.toByteArray());
                    packet.reset();
                }
            }
            at = bodyAt + bodySize;
        }
    }

    /** Bit-by-bit CRC-32 (poly 0x04c11db7, no reflection), independent of the table in main. */
    static int crc(byte[] data) {
        int crc = 0;
        for (byte value : data) {
            crc ^= (value & 0xff) << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
            }
        }
        return crc;
    }
}
