package io.aircheck.api.testing;

import io.aircheck.api.search.Segment;
import io.aircheck.api.search.Word;
import io.aircheck.storage.TranscriptDocument;
import io.aircheck.storage.index.TranscriptSource;

/**
 * Segments as the indexer writes them into the {@code transcripts} index (storage's {@link
 * TranscriptSource}: the source with its words, and the card), for tests and the load benchmark
 * that fill the index themselves.
 */
public final class IndexedSegments {
    private IndexedSegments() {}

    /** The document the indexer would write for {@code s}. */
    public static TranscriptSource source(Segment s) {
        return TranscriptSource.of(
                new TranscriptDocument(
                        s.segmentId(),
                        s.roomId(),
                        s.sessionId(),
                        s.participantId(),
                        s.speakerName(),
                        s.startMs(),
                        s.endMs(),
                        s.text(),
                        s.words().stream().map(IndexedSegments::word).toList(),
                        s.visibility(),
                        s.consent(),
                        s.roomTitle()));
    }

    private static TranscriptDocument.Word word(Word w) {
        return new TranscriptDocument.Word(w.text(), w.startMs(), w.endMs(), w.confidence());
    }
}
