package io.aircheck.api.search;

/** One hit in a research export (CSV row or JSON line). */
public record ExportRow(
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
        String link) {

    /** The CSV header, in the order of the components. */
    public static final String[] COLUMNS = {
        "segmentId",
        "roomId",
        "sessionId",
        "roomTitle",
        "participantId",
        "speaker",
        "spokenAt",
        "offsetSeconds",
        "endOffsetSeconds",
        "text",
        "link"
    };

    public Object[] values() {
        return new Object[] {
            segmentId,
            roomId,
            sessionId,
            roomTitle,
            participantId,
            speaker,
            spokenAt,
            offsetSeconds,
            endOffsetSeconds,
            text,
            link
        };
    }
}
