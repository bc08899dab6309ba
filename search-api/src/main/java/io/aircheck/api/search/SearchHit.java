package io.aircheck.api.search;

import java.util.List;

/**
 * One search hit as the API returns it: where and when it was said, by whom, the text with the
 * matches marked ({@code highlight}, safe HTML), the segments around it, and {@code link}: the
 * replay page at that moment.
 */
public record SearchHit(
        String segmentId,
        String roomId,
        String sessionId,
        String roomTitle,
        String participantId,
        String speaker,
        String spokenAt,
        Double offsetSeconds,
        Double endOffsetSeconds,
        String text,
        String highlight,
        List<ContextLine> before,
        List<ContextLine> after,
        boolean live,
        String link,
        double score) {

    /** A neighbouring segment, for context. */
    public record ContextLine(
            String segmentId, String speaker, Double offsetSeconds, String text) {}
}
