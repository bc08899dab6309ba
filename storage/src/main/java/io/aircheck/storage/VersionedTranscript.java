package io.aircheck.storage;

import java.util.Objects;

/**
 * A {@link TranscriptDocument} with the version of the projection that produced it: the index keeps
 * the highest version of each segment (a consent withdrawn later re-writes the room's segments with
 * a higher version; a replay of an older state never overwrites it).
 */
public record VersionedTranscript(TranscriptDocument document, long version) {
    public VersionedTranscript {
        Objects.requireNonNull(document, "document");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0: " + version);
        }
    }
}
