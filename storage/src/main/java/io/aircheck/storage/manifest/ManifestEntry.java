package io.aircheck.storage.manifest;

import java.util.Objects;

/**
 * One object of a room session's archive as the manifest lists it: its key, what it is, its size,
 * the duration and room-clock start of its audio, whose track it is, and the sha256 of its bytes.
 *
 * @param kind what the object is: e.g. {@code segment}, {@code init}, {@code playlist}, {@code
 *     track}, {@code master}
 * @param durationUs length of the audio it holds (0 for objects without audio of their own)
 * @param startUs room-clock time (µs since the epoch) of its first sample, 0 if none
 * @param participantId the speaker of a track, else empty
 * @param trackId the track id of a track, else empty
 */
public record ManifestEntry(
        String key,
        String kind,
        String contentType,
        long sizeBytes,
        long durationUs,
        long startUs,
        String participantId,
        String trackId,
        String sha256) {

    public ManifestEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(contentType, "contentType");
        participantId = participantId == null ? "" : participantId;
        trackId = trackId == null ? "" : trackId;
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 of " + key + " is not 64 hex digits");
        }
        for (String field : new String[] {key, kind, contentType, participantId, trackId}) {
            if (field.chars().anyMatch(c -> c < 0x20)) {
                throw new IllegalArgumentException(
                        "control character in a manifest field of " + key);
            }
        }
        if (sizeBytes < 0 || durationUs < 0) {
            throw new IllegalArgumentException("negative size or duration for " + key);
        }
    }

    /**
     * The text the hash chain covers: every field, tab-separated, in declaration order, numbers in
     * decimal. No field may hold a control character, so the form is unambiguous.
     */
    public String canonical() {
        return String.join(
                "\t",
                key,
                kind,
                contentType,
                Long.toString(sizeBytes),
                Long.toString(durationUs),
                Long.toString(startUs),
                participantId,
                trackId,
                sha256);
    }
}
