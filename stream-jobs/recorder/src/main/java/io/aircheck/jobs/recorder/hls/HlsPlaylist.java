package io.aircheck.jobs.recorder.hls;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * An HLS media playlist (RFC 8216) of fMP4 segments that keeps every segment from the start of the
 * room: while the room is live an EVENT playlist (players may rewind to the start, DVR), at the end
 * the same list with {@code #EXT-X-ENDLIST}, and as VOD. Rendered from the segments alone, so the
 * same segments always give the same text. Pure.
 *
 * @param initUri the initialization segment, relative to the playlist
 * @param startUs room-clock time of the first sample (µs since the epoch), for
 *     #EXT-X-PROGRAM-DATE-TIME: a player can show and seek by wall-clock time
 */
public record HlsPlaylist(String initUri, long startUs, List<Segment> segments) {

    /** A segment: its URI relative to the playlist and its duration in samples at {@code rate}. */
    public record Segment(String uri, long durationSamples, int rate) {
        double seconds() {
            return durationSamples / (double) rate;
        }
    }

    /** How the playlist presents itself. */
    public enum Type {
        /** The room is live: segments are only ever added. */
        LIVE,
        /** The room ended: the EVENT playlist, closed with #EXT-X-ENDLIST. */
        ENDED,
        /** The room ended: a VOD playlist. */
        VOD
    }

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    public HlsPlaylist {
        segments = List.copyOf(segments);
    }

    /**
     * The longest segment rounded to the nearest second (RFC 8216 §4.3.3.1: no EXTINF may round
     * above it); players poll a live playlist about this often.
     */
    public long targetDuration() {
        double longest = segments.stream().mapToDouble(Segment::seconds).max().orElse(1);
        return Math.max(1, Math.round(longest));
    }

    public String render(Type type) {
        StringBuilder m3u8 = new StringBuilder(256 + 40 * segments.size());
        m3u8.append("#EXTM3U\n#EXT-X-VERSION:7\n");
        m3u8.append("#EXT-X-TARGETDURATION:").append(targetDuration()).append('\n');
        m3u8.append("#EXT-X-MEDIA-SEQUENCE:0\n");
        m3u8.append("#EXT-X-PLAYLIST-TYPE:")
                .append(type == Type.VOD ? "VOD" : "EVENT")
                .append('\n');
        m3u8.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        m3u8.append("#EXT-X-MAP:URI=\"").append(initUri).append("\"\n");
        m3u8.append("#EXT-X-PROGRAM-DATE-TIME:")
                .append(DATE_TIME.format(Instant.ofEpochMilli(Math.floorDiv(startUs, 1000))))
                .append('\n');
        for (Segment segment : segments) {
            m3u8.append(String.format(Locale.ROOT, "#EXTINF:%.6f,\n", segment.seconds()));
            m3u8.append(segment.uri()).append('\n');
        }
        if (type != Type.LIVE) {
            m3u8.append("#EXT-X-ENDLIST\n");
        }
        return m3u8.toString();
    }

    /** How many segments a playlist text lists (for not rewriting a longer one with a shorter). */
    public static int segmentCount(String m3u8) {
        return (int) m3u8.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }

    /** Whether a playlist text is closed. */
    public static boolean isEnded(String m3u8) {
        return m3u8.lines().anyMatch(l -> l.strip().equals("#EXT-X-ENDLIST"));
    }
}
