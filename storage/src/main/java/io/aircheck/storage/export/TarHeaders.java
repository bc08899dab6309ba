package io.aircheck.storage.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tar headers of a bundle, always the same bytes for the same entry (POSIX ustar, with a PAX
 * extended header in front when a path or size does not fit ustar's fields): mode 0644, owner 0/0,
 * no user or group names, the export's creation time as mtime. Because every byte outside the
 * files' contents is determined by (path, size, mtime), a verifier can rebuild each header and
 * compare it byte for byte. Pure.
 */
public final class TarHeaders {
    public static final int BLOCK = 512;
    static final long MAX_USTAR_SIZE = 077777777777L;
    private static final String PAX_PREFIX = "PaxHeaders/";

    private TarHeaders() {}

    /** The header block(s) of a regular file: a PAX header first if needed, then the ustar one. */
    public static byte[] header(String path, long size, long mtimeSeconds) {
        String[] split = ustarSplit(path);
        boolean sizeFits = size <= MAX_USTAR_SIZE;
        if (split != null && sizeFits) {
            return ustar(split[0], split[1], size, mtimeSeconds, '0');
        }
        StringBuilder records = new StringBuilder();
        if (split == null) {
            records.append(paxRecord("path", path));
        }
        if (!sizeFits) {
            records.append(paxRecord("size", Long.toString(size)));
        }
        byte[] pax = records.toString().getBytes(StandardCharsets.UTF_8);
        String shortName = truncate(path, 100 - PAX_PREFIX.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ustar("", PAX_PREFIX + shortName, pax.length, mtimeSeconds, 'x'));
        out.writeBytes(pax);
        out.writeBytes(new byte[padding(pax.length)]);
        String[] fallback = split != null ? split : new String[] {"", truncate(path, 100)};
        out.writeBytes(ustar(fallback[0], fallback[1], sizeFits ? size : 0, mtimeSeconds, '0'));
        return out.toByteArray();
    }

    /** Zero bytes after {@code size} bytes of content, up to the next block. */
    public static int padding(long size) {
        int rest = (int) (size % BLOCK);
        return rest == 0 ? 0 : BLOCK - rest;
    }

    /** The end of an archive: two zero blocks. */
    public static byte[] end() {
        return new byte[2 * BLOCK];
    }

    /** Bytes a file takes in the archive: its header(s), content and padding. */
    public static long entryLength(String path, long size, long mtimeSeconds) {
        return header(path, size, mtimeSeconds).length + size + padding(size);
    }

    /** Whether the block's checksum field matches its content (the test every tar reader does). */
    public static boolean checksumMatches(byte[] block) {
        String field = new String(block, 148, 8, StandardCharsets.US_ASCII).trim();
        int nul = field.indexOf('\0');
        if (nul >= 0) {
            field = field.substring(0, nul).trim();
        }
        try {
            return !field.isEmpty() && Long.parseLong(field, 8) == checksum(block);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether the block is a ustar header (magic "ustar\0", version "00"). */
    public static boolean isUstar(byte[] block) {
        return block[257] == 'u'
                && block[258] == 's'
                && block[259] == 't'
                && block[260] == 'a'
                && block[261] == 'r'
                && block[262] == 0
                && block[263] == '0'
                && block[264] == '0';
    }

    /** The path a ustar header names (prefix + "/" + name). */
    static String path(byte[] block) {
        String name = cString(block, 0, 100);
        String prefix = cString(block, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    static char type(byte[] block) {
        return (char) block[156];
    }

    /** The size field, or -1 when it is not an octal number. */
    static long size(byte[] block) {
        String field = cString(block, 124, 12).trim();
        try {
            return field.isEmpty() ? -1 : Long.parseLong(field, 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The records of a PAX extended header's content ("LEN key=value\n" each). */
    static java.util.Map<String, String> paxRecords(byte[] content) {
        java.util.Map<String, String> records = new java.util.LinkedHashMap<>();
        int at = 0;
        while (at < content.length) {
            int space = indexOf(content, (byte) ' ', at);
            if (space < 0) {
                throw new IllegalArgumentException("PAX record without a length");
            }
            int length =
                    Integer.parseInt(
                            new String(content, at, space - at, StandardCharsets.US_ASCII));
            if (length <= 0 || at + length > content.length || content[at + length - 1] != '\n') {
                throw new IllegalArgumentException("PAX record of a wrong length");
            }
            String record =
                    new String(content, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("PAX record without '='");
            }
            records.put(record.substring(0, eq), record.substring(eq + 1));
            at += length;
        }
        return records;
    }

    private static byte[] ustar(String prefix, String name, long size, long mtime, char type) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        octal(h, 329, 8, 0);
        octal(h, 337, 8, 0);
        put(h, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
        String sum = String.format("%06o", checksum(h));
        put(h, 148, 8, (sum + "\0 ").getBytes(StandardCharsets.US_ASCII));
        return h;
    }

    /** Sum of the header's bytes, the checksum field counted as eight spaces. */
    static long checksum(byte[] h) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        return sum;
    }

    /** [prefix, name] when the path fits ustar's fields, else null. */
    static String[] ustarSplit(String path) {
        if (!isAscii(path)) {
            return null;
        }
        if (path.length() <= 100) {
            return new String[] {"", path};
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (slash <= 155 && path.length() - slash - 1 <= 100 && slash > 0) {
                return new String[] {path.substring(0, slash), path.substring(slash + 1)};
            }
        }
        return null;
    }

    static String paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int bodyLength = body.getBytes(StandardCharsets.UTF_8).length;
        int length = bodyLength + 1;
        while (Integer.toString(length).length() + bodyLength != length) {
            length = Integer.toString(length).length() + bodyLength;
        }
        return length + body;
    }

    private static String truncate(String path, int max) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (out.length() >= max) {
                break;
            }
            out.append(c < 0x80 ? c : '_');
        }
        return out.toString();
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c > 0 && c < 0x80);
    }

    private static void octal(byte[] h, int at, int width, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, width - 1 - digits.length())) + digits;
        put(h, at, width, (padded + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    private static void put(byte[] h, int at, int width, byte[] value) {
        if (value.length > width) {
            throw new IllegalArgumentException("tar field of " + width + " bytes overflows");
        }
        System.arraycopy(value, 0, h, at, value.length);
    }

    private static String cString(byte[] b, int at, int width) {
        int end = at;
        while (end < at + width && b[end] != 0) {
            end++;
        }
        return new String(Arrays.copyOfRange(b, at, end), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, byte value, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
