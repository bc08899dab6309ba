package io.aircheck.api.search;

import java.time.Instant;
import java.util.Locale;

/**
 * Deep links and offsets: a segment's time on its session's recording is its room-clock start minus
 * the session's start (time 0 of the recording). Pure.
 */
public final class ReplayLinks {
    private ReplayLinks() {}

    /** Seconds from the session's start, to the millisecond; null when the start is unknown. */
    public static Double offsetSeconds(long roomClockMs, Instant sessionStart) {
        if (sessionStart == null) {
            return null;
        }
        return Math.max(0, roomClockMs - sessionStart.toEpochMilli()) / 1000.0;
    }

    /** The replay page of a session, at {@code offsetSeconds} when known. */
    public static String page(String roomId, String sessionId, Double offsetSeconds) {
        String base = "/rooms/" + roomId + "/" + sessionId;
        return offsetSeconds == null ? base : base + "?t=" + seconds(offsetSeconds);
    }

    /** Seconds with at most three decimals and no trailing zeros: 12.5, 3, 0.042. */
    public static String seconds(double value) {
        String text = String.format(Locale.ROOT, "%.3f", value);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
