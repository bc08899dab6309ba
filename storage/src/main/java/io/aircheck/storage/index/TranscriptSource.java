package io.aircheck.storage.index;

import io.aircheck.storage.TranscriptDocument;
import java.util.List;

/**
 * A {@link TranscriptDocument} as stored in the {@code transcripts} index (transcripts-v1.json),
 * with its {@link SegmentCard} (written, not kept in {@code _source}: null when read back). Public
 * so that tests and benchmarks that fill the index themselves write exactly what the indexer does.
 */
public record TranscriptSource(
        String segmentId,
        String roomId,
        String sessionId,
        String participantId,
        String speakerName,
        long startMs,
        long endMs,
        String text,
        List<TranscriptDocument.Word> words,
        String visibility,
        boolean consent,
        String roomTitle,
        String card) {

    public static TranscriptSource of(TranscriptDocument d) {
        return new TranscriptSource(
                d.segmentId(),
                d.roomId(),
                d.sessionId(),
                d.participantId(),
                d.speakerName(),
                d.startMs(),
                d.endMs(),
                d.text(),
                d.words(),
                d.visibility(),
                d.consent(),
                d.roomTitle(),
                SegmentCard.toBase64(d));
    }

    TranscriptDocument toDocument() {
        return new TranscriptDocument(
                segmentId,
                roomId,
                sessionId,
                participantId,
                speakerName,
                startMs,
                endMs,
                text,
                words == null ? List.of() : words,
                visibility,
                consent,
                roomTitle);
    }
}
