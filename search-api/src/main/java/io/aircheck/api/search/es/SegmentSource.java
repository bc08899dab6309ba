package io.aircheck.api.search.es;

import co.elastic.clients.json.JsonData;
import io.aircheck.api.search.Segment;
import io.aircheck.api.search.Word;
import io.aircheck.storage.TranscriptDocument;
import io.aircheck.storage.index.SegmentCard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A document of the {@code transcripts} index (mapping {@code transcripts-v1.json}) as search-api
 * reads it, and its {@link SegmentCard} (read from doc values, never in the source; the indexer
 * writes both through storage's {@code TranscriptSource}). The {@code words} object is stored but
 * not indexed; each word is read as {@code text} (or {@code word}), {@code startMs}/{@code endMs}
 * (or {@code startUs}/{@code endUs}) and {@code confidence}.
 */
public record SegmentSource(
        String segmentId,
        String roomId,
        String sessionId,
        String participantId,
        String speakerName,
        Long startMs,
        Long endMs,
        String text,
        List<Map<String, Object>> words,
        String visibility,
        Boolean consent,
        String roomTitle) {

    /** The field holding each segment's {@link SegmentCard} (doc values; not in the source). */
    public static final String CARD = "card";

    public Segment toSegment(String id) {
        long start = startMs == null ? 0 : startMs;
        return new Segment(
                segmentId == null ? id : segmentId,
                roomId,
                sessionId,
                participantId,
                speakerName,
                start,
                endMs == null ? start : endMs,
                text == null ? "" : text,
                words(words),
                visibility,
                Boolean.TRUE.equals(consent),
                roomTitle);
    }

    /**
     * The segment (without its words) from a hit's {@code card} doc value; empty when there is none
     * or it is not a card this code reads.
     */
    static Optional<Segment> fromCard(JsonData values) {
        if (values == null) {
            return Optional.empty();
        }
        TranscriptDocument card;
        try {
            var array = values.toJson().asJsonArray();
            if (array.isEmpty()) {
                return Optional.empty();
            }
            card = SegmentCard.fromBase64(array.getString(0));
        } catch (IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
        return Optional.of(
                new Segment(
                        card.segmentId(),
                        card.roomId(),
                        card.sessionId(),
                        card.participantId(),
                        card.speakerName(),
                        card.startMs(),
                        card.endMs(),
                        card.text() == null ? "" : card.text(),
                        List.of(),
                        card.visibility(),
                        card.consent(),
                        card.roomTitle()));
    }

    static List<Word> words(List<Map<String, Object>> raw) {
        if (raw == null) {
            return List.of();
        }
        List<Word> words = new ArrayList<>(raw.size());
        for (Map<String, Object> w : raw) {
            Object text = w.containsKey("text") ? w.get("text") : w.get("word");
            Long start = millis(w, "startMs", "startUs");
            Long end = millis(w, "endMs", "endUs");
            if (text == null || start == null) {
                continue;
            }
            Object confidence = w.get("confidence");
            words.add(
                    new Word(
                            text.toString(),
                            start,
                            end == null ? start : end,
                            confidence instanceof Number n ? n.doubleValue() : 1.0));
        }
        return words;
    }

    private static Long millis(Map<String, Object> w, String msKey, String usKey) {
        if (w.get(msKey) instanceof Number ms) {
            return ms.longValue();
        }
        if (w.get(usKey) instanceof Number us) {
            return us.longValue() / 1000;
        }
        return null;
    }
}
