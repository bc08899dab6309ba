package io.aircheck.storage.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a tar stream once, block by block, without trusting it: each entry's header bytes as found,
 * whether its checksum and magic hold, its content's sha256 (the contents of a few small entries
 * kept, e.g. the manifest), whether its padding is zero, and what follows the last entry. A damaged
 * header does not derail the scan: the reader skips ahead to the next block that is a valid header
 * (or the end of the archive), so the entries after it are still checked. Memory: one block, plus
 * the kept entries.
 */
final class TarScan {
    private static final long MAX_KEPT = 64L * 1024 * 1024;

    /** One entry as found. {@code damaged}: its header failed the checksum or magic. */
    record Entry(
            int index,
            long offset,
            byte[] header,
            String name,
            long size,
            boolean damaged,
            String sha256,
            boolean paddingClean,
            byte[] content) {}

    /** The entries, and what is wrong after them (null when the archive ends as written). */
    record Result(List<Entry> entries, String endProblem) {}

    private final InputStream in;
    private final Predicate<String> keep;
    private final byte[] block = new byte[TarHeaders.BLOCK];
    private long offset;

    private TarScan(InputStream in, Predicate<String> keep) {
        this.in = in;
        this.keep = keep;
    }

    static Result scan(InputStream in, Predicate<String> keep) throws IOException {
        return new TarScan(in, keep).run();
    }

    private Result run() throws IOException {
        List<Entry> entries = new ArrayList<>();
        boolean have = readBlock();
        while (true) {
            if (!have) {
                return new Result(
                        entries, "the archive stops without its end-of-archive blocks (truncated)");
            }
            if (isZero(block)) {
                return new Result(entries, checkEnd());
            }
            long start = offset - TarHeaders.BLOCK;
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            header.writeBytes(block);
            boolean valid = TarHeaders.checksumMatches(block) && TarHeaders.isUstar(block);
            String name = TarHeaders.path(block);
            long size = TarHeaders.size(block);
            if (valid && TarHeaders.type(block) == 'x' && size >= 0 && size < 1 << 20) {
                byte[] pax = readContent(size, header);
                if (!readBlock()) {
                    entries.add(
                            new Entry(
                                    entries.size(),
                                    start,
                                    header.toByteArray(),
                                    name,
                                    -1,
                                    true,
                                    null,
                                    false,
                                    null));
                    continue;
                }
                header.writeBytes(block);
                valid = TarHeaders.checksumMatches(block) && TarHeaders.isUstar(block);
                name = TarHeaders.path(block);
                size = TarHeaders.size(block);
                try {
                    Map<String, String> records = TarHeaders.paxRecords(pax);
                    name = records.getOrDefault("path", name);
                    if (records.containsKey("size")) {
                        size = Long.parseLong(records.get("size"));
                    }
                } catch (IllegalArgumentException e) {
                    valid = false;
                }
            }
            if (!valid || size < 0) {
                entries.add(
                        new Entry(
                                entries.size(),
                                start,
                                header.toByteArray(),
                                name,
                                size,
                                true,
                                null,
                                false,
                                null));
                int zerosAtEnd = resync();
                if (zerosAtEnd >= 0) {
                    return new Result(
                            entries,
                            zerosAtEnd >= 2
                                    ? null
                                    : "the archive stops without its end-of-archive blocks (truncated)");
                }
                have = true;
                continue;
            }
            boolean kept = size <= MAX_KEPT && keep.test(name);
            ByteArrayOutputStream content = kept ? new ByteArrayOutputStream((int) size) : null;
            MessageDigest digest = Digests.sha256();
            long read = stream(size, digest, content);
            if (read < size) {
                entries.add(
                        new Entry(
                                entries.size(),
                                start,
                                header.toByteArray(),
                                name,
                                size,
                                false,
                                null,
                                false,
                                null));
                return new Result(entries, "the archive stops inside " + name + " (truncated)");
            }
            boolean clean = skipPadding(size);
            entries.add(
                    new Entry(
                            entries.size(),
                            start,
                            header.toByteArray(),
                            name,
                            size,
                            false,
                            HexFormat.of().formatHex(digest.digest()),
                            clean,
                            kept ? content.toByteArray() : null));
            have = readBlock();
        }
    }

    /**
     * After a damaged header: skips to the next valid header (returns -1, the header in {@code
     * block}), or to the end of the stream (returns how many zero blocks it ended with).
     */
    private int resync() throws IOException {
        int zeros = 0;
        while (readBlock()) {
            if (TarHeaders.checksumMatches(block) && TarHeaders.isUstar(block)) {
                return -1;
            }
            zeros = isZero(block) ? zeros + 1 : 0;
        }
        return zeros;
    }

    /** The end: exactly one more zero block, then nothing. */
    private String checkEnd() throws IOException {
        if (!readBlock()) {
            return "the archive ends after one end-of-archive block instead of two (truncated)";
        }
        if (!isZero(block)) {
            return "the end-of-archive blocks hold non-zero bytes";
        }
        byte[] rest = new byte[8192];
        long extra = 0;
        boolean nonZero = false;
        for (int n; (n = in.read(rest)) > 0; ) {
            extra += n;
            for (int i = 0; i < n && !nonZero; i++) {
                nonZero = rest[i] != 0;
            }
        }
        if (extra > 0) {
            return extra
                    + " bytes"
                    + (nonZero ? " of data" : "")
                    + " follow the end of the archive";
        }
        return null;
    }

    private byte[] readContent(long size, ByteArrayOutputStream header) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream((int) size);
        stream(size, null, content);
        header.writeBytes(content.toByteArray());
        int padding = TarHeaders.padding(size);
        byte[] pad = in.readNBytes(padding);
        offset += pad.length;
        header.writeBytes(pad);
        return content.toByteArray();
    }

    private long stream(long size, MessageDigest digest, ByteArrayOutputStream copy)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long done = 0;
        while (done < size) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - done));
            if (n < 0) {
                break;
            }
            if (digest != null) {
                digest.update(buffer, 0, n);
            }
            if (copy != null) {
                copy.write(buffer, 0, n);
            }
            done += n;
        }
        offset += done;
        return done;
    }

    private boolean skipPadding(long size) throws IOException {
        byte[] pad = in.readNBytes(TarHeaders.padding(size));
        offset += pad.length;
        return pad.length == TarHeaders.padding(size) && isZero(pad);
    }

    private boolean readBlock() throws IOException {
        int n = in.readNBytes(block, 0, TarHeaders.BLOCK);
        offset += n;
        return n == TarHeaders.BLOCK;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
