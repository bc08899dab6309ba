package io.aircheck.storage.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Streams a bundle, or any byte range of it, from its {@link BundleLayout}: literal parts as they
 * are, file contents straight from the archive (never the whole bundle in memory). A file streamed
 * in full is hashed on the way and checked against the manifest; if the archive's object no longer
 * has the bytes the manifest promises, the stream stops with a {@link BundleIntegrityException}
 * naming the file (the client gets a short download, never a silently different bundle).
 */
public final class BundleWriter {

    /** Opens {@code length} bytes of an object from {@code offset}. */
    @FunctionalInterface
    public interface ContentSource {
        InputStream open(String key, long offset, long length);
    }

    /** Told how far the stream got. */
    @FunctionalInterface
    public interface Progress {
        void advanced(long bytesDone, long bytesTotal);

        Progress NONE = (done, total) -> {};
    }

    private static final int BUFFER = 64 * 1024;

    private final BundleLayout layout;
    private final ContentSource source;

    public BundleWriter(BundleLayout layout, ContentSource source) {
        this.layout = layout;
        this.source = source;
    }

    /** Writes bytes [first, end) of the bundle to {@code out}. */
    public void write(OutputStream out, long first, long end, Progress progress)
            throws IOException {
        if (first < 0 || end > layout.length() || first > end) {
            throw new IllegalArgumentException(
                    "range [" + first + ", " + end + ") outside a bundle of " + layout.length());
        }
        long total = end - first;
        long done = 0;
        byte[] buffer = new byte[BUFFER];
        for (BundleLayout.Part part : layout.overlapping(first, end)) {
            long from = Math.max(first, part.offset()) - part.offset();
            long to = Math.min(end, part.end()) - part.offset();
            if (!part.isContent()) {
                out.write(part.bytes(), (int) from, (int) (to - from));
            } else {
                copy(part.file(), from, to - from, from == 0 && to == part.length(), out, buffer);
            }
            done += to - from;
            progress.advanced(done, total);
        }
        out.flush();
    }

    /** The whole bundle. */
    public void write(OutputStream out, Progress progress) throws IOException {
        write(out, 0, layout.length(), progress);
    }

    private void copy(
            BundleFile file,
            long offset,
            long length,
            boolean whole,
            OutputStream out,
            byte[] buffer)
            throws IOException {
        MessageDigest digest = whole ? Digests.sha256() : null;
        long copied = 0;
        try (InputStream raw = source.open(file.path(), offset, length);
                InputStream in = whole ? new DigestInputStream(raw, digest) : raw) {
            while (copied < length) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                copied += n;
            }
        }
        if (copied != length) {
            throw new BundleIntegrityException(
                    file.path(),
                    file.path()
                            + ": the archive gave "
                            + (offset + copied)
                            + " bytes where the manifest lists "
                            + file.sizeBytes()
                            + "; the object changed since the export was prepared");
        }
        if (digest != null) {
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (!sha256.equals(file.sha256())) {
                throw new BundleIntegrityException(
                        file.path(),
                        file.path()
                                + ": the archive's bytes hash to "
                                + sha256
                                + " but the manifest says "
                                + file.sha256()
                                + "; the object changed since the export was prepared");
            }
        }
    }
}
