package io.aircheck.api.search;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The search port: the {@code transcripts} index (and, for filters and deep links, the room
 * sessions of the {@code rooms} index). Implementations throw {@link
 * io.aircheck.storage.IndexException} when the index does not answer.
 */
public interface TranscriptIndex {

    /** One matching segment, with its text highlighted (see {@link HighlightMarkup}). */
    record Match(Segment segment, String markedText, double score) {}

    /** A page of matches; {@code totalIsExact} false means "at least {@code total}". */
    record Matches(long total, boolean totalIsExact, List<Match> matches) {}

    /** The segments spoken just before and just after a segment in its session. */
    record Neighbours(List<Segment> before, List<Segment> after) {
        public static final Neighbours NONE = new Neighbours(List.of(), List.of());
    }

    /** A page of segments in time order, and the cursor of the next page (empty at the end). */
    record SegmentPage(List<Segment> segments, Optional<Cursor> next) {}

    Matches search(SearchQuery query, Scope scope);

    /** For each segment id of {@code segments}: up to {@code count} neighbours on each side. */
    Map<String, Neighbours> neighbours(List<Segment> segments, Scope scope, int count);

    /** Hits of {@code query} in time order (oldest first) after {@code after}, for the export. */
    SegmentPage export(SearchQuery query, Scope scope, Cursor after, int size);

    /** One session's segments in time order, after {@code after}. */
    SegmentPage sessionSegments(SessionKey session, Scope scope, Cursor after, int size);

    /** How many of a session's segments are of speakers who did not consent. */
    long withheldCount(SessionKey session);

    /** The room sessions of {@code keys} that the rooms index knows. */
    Map<SessionKey, SessionInfo> sessions(Collection<SessionKey> keys);
}
