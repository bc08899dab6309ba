package io.aircheck.jobs.indexer.transcript;

import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.protocol.v1.Word;
import io.aircheck.storage.TranscriptDocument;
import java.util.List;

/** A {@code room.transcripts} segment plus what the timeline knows, as the index document. */
public final class TranscriptDocuments {
    private TranscriptDocuments() {}

    public static TranscriptDocument of(TranscriptSegment segment, SessionInfo info) {
        List<TranscriptDocument.Word> words =
                segment.getWordsList().stream().map(TranscriptDocuments::word).toList();
        return new TranscriptDocument(
                segment.getSegmentId(),
                segment.getRoomId(),
                segment.getSessionId(),
                segment.getParticipantId(),
                info.speakerName(segment.getParticipantId()),
                millis(segment.getStartUs()),
                millis(segment.getEndUs()),
                segment.getText(),
                words,
                info.visibility,
                info.consented(segment.getParticipantId()),
                info.title);
    }

    private static TranscriptDocument.Word word(Word w) {
        return new TranscriptDocument.Word(
                w.getText(),
                millis(w.getStartUs()),
                millis(w.getEndUs()),
                Math.round(w.getConfidence() * 1000) / 1000.0);
    }

    static long millis(long us) {
        return Math.floorDiv(us, 1000);
    }
}
