package io.aircheck.api.replay;

import java.util.List;

/** Renders transcript lines as WebVTT cues with voice tags (W3C WebVTT). Pure. */
public final class WebVtt {
    private WebVtt() {}

    public static String render(List<TranscriptLine> lines) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (TranscriptLine line : lines) {
            out.append(line.segmentId().replace("-->", "->").replace('\n', ' '))
                    .append('\n')
                    .append(timestamp(line.startMs()))
                    .append(" --> ")
                    .append(timestamp(Math.max(line.endMs(), line.startMs() + 1)))
                    .append('\n')
                    .append("<v ")
                    .append(escape(line.speaker()).replace(">", "&gt;"))
                    .append('>')
                    .append(escape(line.text()).replace('\n', ' '))
                    .append("\n\n");
        }
        return out.toString();
    }

    /** {@code hh:mm:ss.ttt}. */
    static String timestamp(long ms) {
        long hours = ms / 3_600_000;
        long minutes = (ms / 60_000) % 60;
        long seconds = (ms / 1000) % 60;
        return String.format(
                java.util.Locale.ROOT, "%02d:%02d:%02d.%03d", hours, minutes, seconds, ms % 1000);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
