package io.aircheck.api.search;

import io.aircheck.api.ApiException;
import io.aircheck.api.access.AccessPolicy;
import io.aircheck.api.access.Action;
import io.aircheck.api.access.Caller;
import io.aircheck.api.access.Role;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Transcript search and the research export, limited to what the caller's role may see ({@link
 * AccessPolicy}): listeners search public rooms, researchers public and unlisted ones, both only
 * segments of speakers who consented; auditors and admins everything. Knows no HTTP.
 */
public final class SearchService {
    /** Neighbouring segments shown on each side of a hit. */
    public static final int CONTEXT = 1;

    public static final int DEFAULT_EXPORT_SIZE = 1000;
    public static final int MAX_EXPORT_SIZE = 10_000;

    private final TranscriptIndex index;
    private final Executor lookups;
    private final SearchSlots slots;

    /**
     * {@code lookups} runs the two look-ups a page of hits needs (context, sessions) side by side;
     * {@code slots} bounds how many searches and export pages are in the index at once.
     */
    public SearchService(TranscriptIndex index, Executor lookups, SearchSlots slots) {
        this.index = index;
        this.lookups = lookups;
        this.slots = slots;
    }

    /** What part of the index a role may search. */
    public static Scope scopeOf(Role role) {
        return new Scope(
                AccessPolicy.listedVisibilities(role), AccessPolicy.seesWithheldSegments(role));
    }

    public SearchResults search(Caller caller, SearchQuery query) {
        AccessPolicy.require(caller, Action.SEARCH);
        return slots.run(() -> page(scopeOf(caller.role()), query));
    }

    private SearchResults page(Scope scope, SearchQuery query) {
        TranscriptIndex.Matches matches = index.search(query, scope);
        List<Segment> segments =
                matches.matches().stream().map(TranscriptIndex.Match::segment).toList();
        CompletableFuture<Map<String, TranscriptIndex.Neighbours>> contextLookup =
                segments.isEmpty()
                        ? CompletableFuture.completedFuture(Map.of())
                        : CompletableFuture.supplyAsync(
                                () -> index.neighbours(segments, scope, CONTEXT), lookups);
        Map<SessionKey, SessionInfo> sessions = sessionsOf(segments);
        Map<String, TranscriptIndex.Neighbours> context = join(contextLookup);
        List<SearchHit> hits =
                matches.matches().stream()
                        .map(
                                m ->
                                        hit(
                                                m,
                                                sessions.get(key(m.segment())),
                                                context.getOrDefault(
                                                        m.segment().segmentId(),
                                                        TranscriptIndex.Neighbours.NONE)))
                        .toList();
        return new SearchResults(
                matches.total(),
                matches.totalIsExact(),
                query.page(),
                query.size(),
                query.sort().name().toLowerCase(java.util.Locale.ROOT),
                hits);
    }

    /**
     * One page of every hit of {@code query}, oldest first, after {@code after} (null: from the
     * start).
     */
    public ExportPage export(Caller caller, SearchQuery query, Cursor after, int size) {
        AccessPolicy.require(caller, Action.EXPORT);
        if (size < 1 || size > MAX_EXPORT_SIZE) {
            throw ApiException.badRequest("size must be 1.." + MAX_EXPORT_SIZE + ", not " + size);
        }
        return slots.run(
                () -> {
                    TranscriptIndex.SegmentPage page =
                            index.export(query, scopeOf(caller.role()), after, size);
                    Map<SessionKey, SessionInfo> sessions = sessionsOf(page.segments());
                    List<ExportRow> rows =
                            page.segments().stream()
                                    .map(s -> row(s, sessions.get(key(s))))
                                    .toList();
                    return new ExportPage(rows, page.next());
                });
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Map<SessionKey, SessionInfo> sessionsOf(List<Segment> segments) {
        Set<SessionKey> keys = new LinkedHashSet<>();
        segments.forEach(s -> keys.add(key(s)));
        return keys.isEmpty() ? Map.of() : index.sessions(keys);
    }

    private static SearchHit hit(
            TranscriptIndex.Match match, SessionInfo session, TranscriptIndex.Neighbours around) {
        Segment s = match.segment();
        Instant start = session == null ? null : session.startedAt();
        Double offset = ReplayLinks.offsetSeconds(s.startMs(), start);
        return new SearchHit(
                s.segmentId(),
                s.roomId(),
                s.sessionId(),
                title(s, session),
                s.participantId(),
                s.speaker(),
                Instant.ofEpochMilli(s.startMs()).toString(),
                offset,
                ReplayLinks.offsetSeconds(s.endMs(), start),
                s.text(),
                HighlightMarkup.toHtml(match.markedText() == null ? s.text() : match.markedText()),
                lines(around.before(), start),
                lines(around.after(), start),
                session != null && session.live(),
                ReplayLinks.page(s.roomId(), s.sessionId(), offset),
                match.score());
    }

    private static ExportRow row(Segment s, SessionInfo session) {
        Instant start = session == null ? null : session.startedAt();
        Double offset = ReplayLinks.offsetSeconds(s.startMs(), start);
        return new ExportRow(
                s.segmentId(),
                s.roomId(),
                s.sessionId(),
                title(s, session),
                s.participantId(),
                s.speaker(),
                Instant.ofEpochMilli(s.startMs()).toString(),
                offset,
                ReplayLinks.offsetSeconds(s.endMs(), start),
                s.text(),
                ReplayLinks.page(s.roomId(), s.sessionId(), offset));
    }

    private static List<SearchHit.ContextLine> lines(List<Segment> segments, Instant start) {
        return segments.stream()
                .map(
                        n ->
                                new SearchHit.ContextLine(
                                        n.segmentId(),
                                        n.speaker(),
                                        ReplayLinks.offsetSeconds(n.startMs(), start),
                                        n.text()))
                .toList();
    }

    private static String title(Segment s, SessionInfo session) {
        return Optional.ofNullable(s.roomTitle())
                .filter(t -> !t.isBlank())
                .or(() -> Optional.ofNullable(session).map(SessionInfo::title))
                .orElse(s.roomId());
    }

    private static SessionKey key(Segment s) {
        return new SessionKey(s.roomId(), s.sessionId());
    }
}
