package io.aircheck.storage.export;

import java.util.Objects;

/**
 * One file of a bundle as its manifest lists it: the path (the archive's object key), what it is,
 * its size, its audio duration when it has audio, the sha256 of the bytes exported, and the sha256
 * the recorder's manifest gives for that object (null when the recorder's manifest does not list
 * it, e.g. transcripts and event logs, which other jobs write).
 *
 * @param durationUs null for files without audio, or when it could not be read
 */
public record BundleFile(
        String path,
        String kind,
        String contentType,
        long sizeBytes,
        Long durationUs,
        String sha256,
        String recorderSha256) {

    public BundleFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        contentType = contentType == null ? "application/octet-stream" : contentType;
        requireHex(sha256, "sha256 of " + path);
        if (recorderSha256 != null) {
            requireHex(recorderSha256, "recorder sha256 of " + path);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("negative size for " + path);
        }
    }

    /** null when the recorder's manifest does not list the file, else whether the bytes match. */
    public Boolean matchesRecorder() {
        return recorderSha256 == null ? null : recorderSha256.equals(sha256);
    }

    static void requireHex(String hash, String what) {
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(what + " is not 64 lowercase hex digits");
        }
    }
}
