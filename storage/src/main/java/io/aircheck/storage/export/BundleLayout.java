package io.aircheck.storage.export;

import java.util.ArrayList;
import java.util.List;

/**
 * Where every byte of a bundle comes from, in order: each file's tar header, its content (read from
 * the archive), its padding; then the manifest and its signature as small tar entries; then the
 * end-of-archive blocks. The same manifest and signature always give the same layout, so a bundle's
 * bytes are the same on every download and any byte range can be served on its own (HTTP {@code
 * Range}, to resume a download). Pure.
 */
public final class BundleLayout {

    /** A run of bytes: literal ({@code bytes} set) or a file's content ({@code file} set). */
    public record Part(long offset, long length, byte[] bytes, BundleFile file, String entry) {
        public long end() {
            return offset + length;
        }

        public boolean isContent() {
            return file != null;
        }
    }

    private final BundleManifest manifest;
    private final byte[] manifestBytes;
    private final byte[] signatureBytes;
    private final List<Part> parts;
    private final long length;

    public BundleLayout(BundleManifest manifest, byte[] manifestBytes, byte[] signatureBytes) {
        this.manifest = manifest;
        this.manifestBytes = manifestBytes.clone();
        this.signatureBytes = signatureBytes.clone();
        List<Part> out = new ArrayList<>();
        long at = 0;
        long mtime = manifest.mtimeSeconds();
        for (BundleFile file : manifest.files()) {
            String entry = manifest.entryName(file.path());
            at = add(out, at, TarHeaders.header(entry, file.sizeBytes(), mtime), null, entry);
            out.add(new Part(at, file.sizeBytes(), null, file, entry));
            at += file.sizeBytes();
            at = add(out, at, new byte[TarHeaders.padding(file.sizeBytes())], null, entry);
        }
        at = inline(out, at, manifest.entryName(BundleManifest.MANIFEST_NAME), this.manifestBytes);
        at =
                inline(
                        out,
                        at,
                        manifest.entryName(BundleManifest.SIGNATURE_NAME),
                        this.signatureBytes);
        at = add(out, at, TarHeaders.end(), null, "(end of archive)");
        this.parts = List.copyOf(out);
        this.length = at;
    }

    public BundleManifest manifest() {
        return manifest;
    }

    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    public byte[] signatureBytes() {
        return signatureBytes.clone();
    }

    /** The bundle's size in bytes. */
    public long length() {
        return length;
    }

    public List<Part> parts() {
        return parts;
    }

    /** The parts that overlap [first, end). */
    public List<Part> overlapping(long first, long end) {
        return parts.stream().filter(p -> p.end() > first && p.offset() < end).toList();
    }

    private long inline(List<Part> out, long at, String entry, byte[] content) {
        long next =
                add(
                        out,
                        at,
                        TarHeaders.header(entry, content.length, manifest.mtimeSeconds()),
                        null,
                        entry);
        next = add(out, next, content, null, entry);
        return add(out, next, new byte[TarHeaders.padding(content.length)], null, entry);
    }

    private static long add(List<Part> out, long at, byte[] bytes, BundleFile file, String entry) {
        if (bytes.length == 0) {
            return at;
        }
        out.add(new Part(at, bytes.length, bytes, file, entry));
        return at + bytes.length;
    }
}
