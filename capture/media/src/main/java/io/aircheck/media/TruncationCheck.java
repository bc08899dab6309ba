package io.aircheck.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds files cut off where FFmpeg itself stays silent: an Ogg file whose last page is incomplete
 * (the demuxer drops it without a word) and a WAV file whose data chunk is shorter than its header
 * says. Pure: works on the first and last bytes of a file.
 */
final class TruncationCheck {

    /** Bytes to read from each end of a file: an Ogg page is at most 65,307 bytes. */
    static final int WINDOW = 65_536 + 1_024;

    private static final int OGG_HEADER = 27;

    private TruncationCheck() {}

    /**
     * Why the file looks cut off, or empty if it does not (or the format is not checked).
     *
     * @param head the first bytes of the file (up to {@link #WINDOW})
     * @param tail the last bytes of the file (up to {@link #WINDOW})
     * @param fileSize the file's full size
     */
    static Optional<String> check(byte[] head, byte[] tail, long fileSize) {
        if (startsWith(head, 0, "OggS")) {
            return ogg(tail);
        }
        if (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WAVE")) {
            return wav(head, fileSize);
        }
        return Optional.empty();
    }

    /**
     * The file must end with a complete page carrying the end-of-stream flag. Capture patterns
     * inside packet data are told from real pages by the page checksum.
     */
    static Optional<String> ogg(byte[] tail) {
        boolean sawCutPage = false;
        for (int start = indexOf(tail, 0); start >= 0; start = indexOf(tail, start + 1)) {
            int at = start;
            int lastPage = -1;
            while (startsWith(tail, at, "OggS")) {
                long length = pageLength(tail, at);
                if (length < 0 || at + length > tail.length) {
                    sawCutPage = true;
                    break;
                }
                if (!checksumMatches(tail, at, (int) length)) {
                    break;
                }
                lastPage = at;
                at += (int) length;
            }
            if (at == tail.length && lastPage >= 0) {
                boolean endOfStream = (tail[lastPage + 5] & 0x04) != 0;
                return endOfStream
                        ? Optional.empty()
                        : Optional.of("the Ogg stream ends without its end-of-stream page");
            }
        }
        return sawCutPage ? Optional.of("the last Ogg page is cut off") : Optional.empty();
    }

    /** The data chunk must hold the bytes the header declares. */
    static Optional<String> wav(byte[] head, long fileSize) {
        ByteBuffer buffer = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (at + 8 <= head.length) {
            long size = Integer.toUnsignedLong(buffer.getInt(at + 4));
            if (startsWith(head, at, "data")) {
                boolean streaming = size == 0 || size == 0xFFFF_FFFFL;
                long available = fileSize - at - 8;
                if (!streaming && available < size) {
                    return Optional.of(
                            "the WAV data chunk declares "
                                    + size
                                    + " bytes, the file holds "
                                    + available);
                }
                return Optional.empty();
            }
            at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at);
        }
        return Optional.empty();
    }

    /** Header, segment table and body of the page at {@code at}, or -1 if its header is cut off. */
    private static long pageLength(byte[] data, int at) {
        if (at + OGG_HEADER > data.length) {
            return -1;
        }
        int segments = data[at + 26] & 0xff;
        if (at + OGG_HEADER + segments > data.length) {
            return -1;
        }
        long body = 0;
        for (int i = 0; i < segments; i++) {
            body += data[at + OGG_HEADER + i] & 0xff;
        }
        return OGG_HEADER + segments + body;
    }

    /**
     * Ogg's CRC-32 (polynomial 0x04c11db7, not reflected) over the page with its CRC field zeroed.
     */
    private static boolean checksumMatches(byte[] data, int at, int length) {
        int stored = ByteBuffer.wrap(data, at + 22, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int crc = 0;
        for (int i = 0; i < length; i++) {
            int b = (i >= 22 && i < 26) ? 0 : data[at + i] & 0xff;
            crc ^= b << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04c1_1db7 : crc << 1;
            }
        }
        return crc == stored;
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i + 4 <= data.length; i++) {
            if (startsWith(data, i, "OggS")) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] data, int at, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        if (at < 0 || at + expected.length > data.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (data[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
