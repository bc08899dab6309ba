package io.aircheck.jobs.recorder;

import io.aircheck.storage.StoredObject;
import io.aircheck.storage.manifest.ManifestEntry;

/** An object the recorder wrote, with what the manifest and the events say of it. */
record ArchivedObject(
        String kind,
        StoredObject stored,
        String contentType,
        long durationUs,
        long startUs,
        String participantId,
        String trackId) {

    static final String SEGMENT = "segment";
    static final String INIT = "init";
    static final String PLAYLIST = "playlist";
    static final String TRACK = "track";
    static final String MASTER = "master";

    ManifestEntry entry() {
        return new ManifestEntry(
                stored.key(),
                kind,
                contentType,
                stored.sizeBytes(),
                durationUs,
                startUs,
                participantId,
                trackId,
                stored.sha256());
    }
}
