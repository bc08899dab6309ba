package io.aircheck.media;

/**
 * The Ogg page checksum (RFC 3533): CRC-32 with polynomial 0x04c11db7, initial value 0, no bit
 * reflection, no final xor, computed over the page with its checksum field set to zero. Pure.
 */
final class OggCrc {
    private static final int[] TABLE = table();

    private OggCrc() {}

    static int update(int crc, byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xff];
        }
        return crc;
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04c11db7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
