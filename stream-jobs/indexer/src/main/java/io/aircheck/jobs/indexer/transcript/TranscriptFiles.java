package io.aircheck.jobs.indexer.transcript;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.protocol.v1.Word;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A room session's transcript as files: WebVTT for players (cue times from the start of the
 * recording, {@code <v Speaker>} voice tags) and JSON for tools (every segment with speaker,
 * consent, room-clock and recording-relative times, and timed words).
 */
public final class TranscriptFiles {
    public static final String VTT_TYPE = "text/vtt; charset=utf-8";
    public static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TranscriptFiles() {}

    /** Segments in the order they were said (start, then id). */
    public static List<TranscriptSegment> ordered(List<TranscriptSegment> segments) {
        return segments.stream()
                .sorted(
                        Comparator.comparingLong(TranscriptSegment::getStartUs)
                                .thenComparing(TranscriptSegment::getSegmentId))
                .toList();
    }

    /** Where the recording's time 0 is on the room clock. */
    static long originUs(SessionInfo info, List<TranscriptSegment> ordered) {
        if (info.opened) {
            return info.startedAtUs;
        }
        return ordered.isEmpty() ? 0 : ordered.get(0).getStartUs();
    }

    public static byte[] webVtt(SessionInfo info, List<TranscriptSegment> segments) {
        List<TranscriptSegment> ordered = ordered(segments);
        long origin = originUs(info, ordered);
        StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
        vtt.append("NOTE\nroom ").append(info.roomId).append(", session ").append(info.sessionId);
        if (!info.title.isBlank()) {
            vtt.append(": ").append(info.title.replace("-->", "->"));
        }
        vtt.append("\n\n");
        for (TranscriptSegment s : ordered) {
            vtt.append(s.getSegmentId().replace("-->", "->"))
                    .append('\n')
                    .append(timestamp(s.getStartUs() - origin))
                    .append(" --> ")
                    .append(timestamp(Math.max(s.getEndUs(), s.getStartUs() + 1000) - origin))
                    .append('\n')
                    .append("<v ")
                    .append(escape(info.speakerName(s.getParticipantId())))
                    .append('>')
                    .append(escape(s.getText()))
                    .append("\n\n");
        }
        return vtt.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] json(SessionInfo info, List<TranscriptSegment> segments) {
        List<TranscriptSegment> ordered = ordered(segments);
        long origin = originUs(info, ordered);
        ObjectNode root = JSON.createObjectNode();
        root.put("roomId", info.roomId);
        root.put("sessionId", info.sessionId);
        root.put("title", info.title);
        root.put("visibility", info.visibility);
        root.put("startedAtMs", Math.floorDiv(origin, 1000));
        if (info.closed) {
            root.put("endedAtMs", Math.floorDiv(info.closedAtUs, 1000));
        }
        ArrayNode list = root.putArray("segments");
        for (TranscriptSegment s : ordered) {
            ObjectNode segment = list.addObject();
            segment.put("segmentId", s.getSegmentId());
            segment.put("participantId", s.getParticipantId());
            segment.put("speakerName", info.speakerName(s.getParticipantId()));
            segment.put("consent", info.consented(s.getParticipantId()));
            segment.put("startMs", Math.floorDiv(s.getStartUs(), 1000));
            segment.put("endMs", Math.floorDiv(s.getEndUs(), 1000));
            segment.put("offsetMs", Math.floorDiv(s.getStartUs() - origin, 1000));
            segment.put("text", s.getText());
            segment.put("language", s.getLanguage());
            segment.put("engine", s.getEngine());
            ArrayNode words = segment.putArray("words");
            for (Word w : s.getWordsList()) {
                ObjectNode word = words.addObject();
                word.put("text", w.getText());
                word.put("startMs", Math.floorDiv(w.getStartUs(), 1000));
                word.put("endMs", Math.floorDiv(w.getEndUs(), 1000));
                word.put("confidence", Math.round(w.getConfidence() * 1000) / 1000.0);
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write transcript JSON", e);
        }
    }

    /** WebVTT cue time, HH:MM:SS.mmm (negative clamps to 0). */
    static String timestamp(long us) {
        long ms = Math.max(0, us / 1000);
        return String.format(
                Locale.ROOT,
                "%02d:%02d:%02d.%03d",
                ms / 3_600_000,
                ms / 60_000 % 60,
                ms / 1000 % 60,
                ms % 1000);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\n", " ");
    }
}
