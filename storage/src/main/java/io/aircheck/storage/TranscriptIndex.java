package io.aircheck.storage;

import java.util.List;

/**
 * The {@code transcripts} index: one document per segment, id = segment id, written by the indexer
 * job, searched by the search API. Calls retry transient failures themselves and throw {@link
 * IndexException} for the rest.
 */
public interface TranscriptIndex {

    /** Writes the segments, each only if its version is at least the stored one's. */
    void upsertAll(List<VersionedTranscript> segments);

    /** Makes everything written so far visible to searches (tests and tools; not per write). */
    void refresh();
}
