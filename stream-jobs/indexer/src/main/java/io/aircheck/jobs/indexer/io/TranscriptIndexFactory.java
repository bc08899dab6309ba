package io.aircheck.jobs.indexer.io;

import io.aircheck.storage.TranscriptIndex;
import java.io.Serializable;

/** Opens the transcripts index inside a sink writer (the sink is serialized; the index is not). */
@FunctionalInterface
public interface TranscriptIndexFactory extends Serializable {
    TranscriptIndex open();
}
