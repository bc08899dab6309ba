package io.aircheck.api.search.es;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import io.aircheck.api.search.Cursor;
import io.aircheck.api.search.Scope;
import io.aircheck.api.search.SearchQuery;
import io.aircheck.api.search.Segment;
import io.aircheck.api.search.SessionInfo;
import io.aircheck.api.search.SessionKey;
import io.aircheck.api.search.TranscriptIndex;
import io.aircheck.storage.index.IndexDefinition;
import io.aircheck.storage.index.Indexes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TranscriptIndex} on Elasticsearch: the {@code transcripts} alias for segments, the {@code
 * rooms} alias for sessions (start times, live). Read-only.
 */
public final class ElasticsearchTranscriptIndex implements TranscriptIndex {
    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(ElasticsearchTranscriptIndex.class);
    private static final int MAX_LIVE_SESSIONS = 1_000;

    /** Context is looked for this far (ms) before and after a hit. */
    static final long CONTEXT_WINDOW_MS = 10_000;

    /**
     * At most this many segments are fetched per hit for its context: every segment of a window
     * with a segment every second, several speakers at once.
     */
    private static final int NEIGHBOURHOOD_SIZE = 20;

    private final ElasticsearchClient client;
    private final String transcripts;
    private final String rooms;
    private final IndexCall call = new IndexCall();
    private final java.util.concurrent.atomic.AtomicBoolean cardsMissingReported =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final SessionCache sessionCache =
            new SessionCache(
                    java.util.concurrent.TimeUnit.SECONDS.toNanos(5),
                    java.util.concurrent.TimeUnit.MINUTES.toNanos(10),
                    20_000,
                    System::nanoTime);

    /** The live sessions as last read, and when. */
    private record LiveList(List<SessionKey> sessions, long readAtNanos) {}

    private static final long LIVE_LIST_TTL_NANOS =
            java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private volatile LiveList liveList;

    public ElasticsearchTranscriptIndex(ElasticsearchClient client) {
        this(client, Indexes.TRANSCRIPTS, Indexes.ROOMS);
    }

    public ElasticsearchTranscriptIndex(
            ElasticsearchClient client, IndexDefinition transcripts, IndexDefinition rooms) {
        this.client = client;
        this.transcripts = transcripts.alias();
        this.rooms = rooms.alias();
    }

    /** A room session as read from the rooms index (only the fields search needs). */
    record RoomStart(
            String roomId,
            String sessionId,
            String title,
            Long startedAt,
            Boolean live,
            String visibility) {}

    @Override
    public Matches search(SearchQuery query, Scope scope) {
        SearchResponse<Void> response = hitsPage(query, scope, true, Void.class);
        MatchMarker marker = MatchMarker.of(query.text());
        List<Match> matches = new ArrayList<>();
        for (Hit<Void> hit : response.hits().hits()) {
            Optional<Segment> segment =
                    SegmentSource.fromCard(hit.fields().get(SegmentSource.CARD));
            if (segment.isEmpty()) {
                reportCardsMissing();
                return searchFromSources(query, scope);
            }
            matches.add(
                    new Match(
                            segment.get(),
                            marker.mark(segment.get().text()),
                            hit.score() == null ? 0 : hit.score()));
        }
        return matches(response.hits().total(), matches);
    }

    /** A page of hits, as cards or as sources. */
    private <T> SearchResponse<T> hitsPage(
            SearchQuery query, Scope scope, boolean fromCards, Class<T> type) {
        return call.run(
                "search '" + transcripts + "'",
                () ->
                        client.search(
                                TranscriptQueries.search(
                                        transcripts, query, scope, liveSessions(query), fromCards),
                                type));
    }

    /** The search for an index with segments written before cards were: sources, highlighted. */
    private Matches searchFromSources(SearchQuery query, Scope scope) {
        SearchResponse<SegmentSource> response = hitsPage(query, scope, false, SegmentSource.class);
        List<Match> matches = new ArrayList<>();
        for (Hit<SegmentSource> hit : response.hits().hits()) {
            if (hit.source() == null) {
                continue;
            }
            List<String> marked = hit.highlight().get("text");
            matches.add(
                    new Match(
                            hit.source().toSegment(hit.id()),
                            marked == null || marked.isEmpty() ? null : marked.get(0),
                            hit.score() == null ? 0 : hit.score()));
        }
        return matches(response.hits().total(), matches);
    }

    private static Matches matches(
            co.elastic.clients.elasticsearch.core.search.TotalHits total, List<Match> matches) {
        return new Matches(
                total == null ? matches.size() : total.value(),
                total == null || total.relation() == TotalHitsRelation.Eq,
                matches);
    }

    private void reportCardsMissing() {
        if (!cardsMissingReported.getAndSet(true)) {
            LOG.warn(
                    "'{}' holds segments without a readable card (written before cards were):"
                            + " searches that meet them read the documents' sources, which is"
                            + " slower; `aircheck rebuild` gives every segment its card",
                    transcripts);
        }
    }

    @Override
    public Map<String, Neighbours> neighbours(List<Segment> segments, Scope scope, int count) {
        int size = Math.min(10_000, segments.size() * NEIGHBOURHOOD_SIZE);
        List<Segment> around = new ArrayList<>(segments);
        List<Segment> context = contextFromCards(segments, scope, size);
        if (context == null) {
            context = contextFromSources(segments, scope, size);
        }
        around.addAll(context);
        Map<SessionKey, List<Segment>> bySession = new HashMap<>();
        // the hits are each other's context too (the search left them out: we have them)
        around.sort(
                java.util.Comparator.comparingLong(Segment::startMs)
                        .thenComparing(Segment::segmentId));
        for (Segment s : around) {
            bySession
                    .computeIfAbsent(
                            new SessionKey(s.roomId(), s.sessionId()), k -> new ArrayList<>())
                    .add(s);
        }
        Map<String, Neighbours> result = new HashMap<>();
        for (Segment hit : segments) {
            List<Segment> session =
                    bySession.getOrDefault(
                            new SessionKey(hit.roomId(), hit.sessionId()), List.of());
            long from = hit.startMs() - CONTEXT_WINDOW_MS;
            long to = hit.startMs() + CONTEXT_WINDOW_MS;
            List<Segment> before =
                    session.stream()
                            .filter(s -> s.startMs() >= from && s.startMs() < hit.startMs())
                            .toList();
            List<Segment> after =
                    session.stream()
                            .filter(s -> s.startMs() > hit.startMs() && s.startMs() <= to)
                            .toList();
            result.put(
                    hit.segmentId(),
                    new Neighbours(
                            before.subList(Math.max(0, before.size() - count), before.size()),
                            after.subList(0, Math.min(count, after.size()))));
        }
        return result;
    }

    /**
     * The context segments read from their cards (doc values: no stored document is read), or null
     * when one has no readable card (written before cards were: the index wants a rebuild).
     */
    private List<Segment> contextFromCards(List<Segment> hits, Scope scope, int size) {
        SearchResponse<Void> response = context(hits, scope, size, true, Void.class);
        List<Segment> context = new ArrayList<>(response.hits().hits().size());
        for (Hit<Void> hit : response.hits().hits()) {
            Optional<Segment> segment =
                    SegmentSource.fromCard(hit.fields().get(SegmentSource.CARD));
            if (segment.isEmpty()) {
                reportCardsMissing();
                return null;
            }
            context.add(segment.get());
        }
        return context;
    }

    /** The context search, its hits as cards or as sources. */
    private <T> SearchResponse<T> context(
            List<Segment> hits, Scope scope, int size, boolean fromCards, Class<T> type) {
        return call.run(
                "context of " + hits.size() + " hits in '" + transcripts + "'",
                () ->
                        client.search(
                                TranscriptQueries.neighbourhood(
                                        transcripts,
                                        hits,
                                        scope,
                                        CONTEXT_WINDOW_MS,
                                        size,
                                        fromCards),
                                type));
    }

    private List<Segment> contextFromSources(List<Segment> hits, Scope scope, int size) {
        SearchResponse<SegmentSource> response =
                context(hits, scope, size, false, SegmentSource.class);
        List<Segment> context = new ArrayList<>();
        for (Hit<SegmentSource> hit : response.hits().hits()) {
            if (hit.source() != null) {
                context.add(hit.source().toSegment(hit.id()));
            }
        }
        return context;
    }

    @Override
    public SegmentPage export(SearchQuery query, Scope scope, Cursor after, int size) {
        SearchResponse<SegmentSource> response =
                call.run(
                        "export from '" + transcripts + "'",
                        () ->
                                client.search(
                                        TranscriptQueries.export(
                                                transcripts,
                                                query,
                                                scope,
                                                liveSessions(query),
                                                after,
                                                size),
                                        SegmentSource.class));
        return page(response, size);
    }

    @Override
    public SegmentPage sessionSegments(SessionKey session, Scope scope, Cursor after, int size) {
        SearchResponse<SegmentSource> response =
                call.run(
                        "segments of " + session + " in '" + transcripts + "'",
                        () ->
                                client.search(
                                        TranscriptQueries.session(
                                                transcripts, session, scope, after, size),
                                        SegmentSource.class));
        return page(response, size);
    }

    @Override
    public long withheldCount(SessionKey session) {
        return call.run(
                        "count withheld segments of " + session + " in '" + transcripts + "'",
                        () ->
                                client.count(
                                        c ->
                                                c.index(transcripts)
                                                        .query(
                                                                q ->
                                                                        q.bool(
                                                                                b ->
                                                                                        b.filter(
                                                                                                        f ->
                                                                                                                f
                                                                                                                        .term(
                                                                                                                                t ->
                                                                                                                                        t.field(
                                                                                                                                                        "roomId")
                                                                                                                                                .value(
                                                                                                                                                        session
                                                                                                                                                                .roomId())))
                                                                                                .filter(
                                                                                                        f ->
                                                                                                                f
                                                                                                                        .term(
                                                                                                                                t ->
                                                                                                                                        t.field(
                                                                                                                                                        "sessionId")
                                                                                                                                                .value(
                                                                                                                                                        session
                                                                                                                                                                .sessionId())))
                                                                                                .mustNot(
                                                                                                        n ->
                                                                                                                n
                                                                                                                        .term(
                                                                                                                                t ->
                                                                                                                                        t.field(
                                                                                                                                                        "consent")
                                                                                                                                                .value(
                                                                                                                                                        true)))))))
                .count();
    }

    @Override
    public Map<SessionKey, SessionInfo> sessions(Collection<SessionKey> keys) {
        return sessionCache.get(keys, this::loadSessions);
    }

    private Map<SessionKey, SessionInfo> loadSessions(List<SessionKey> keys) {
        List<String> ids = keys.stream().map(k -> k.roomId() + ":" + k.sessionId()).toList();
        MgetResponse<RoomStart> response =
                call.run(
                        "get " + ids.size() + " sessions from '" + rooms + "'",
                        () ->
                                client.mget(
                                        m ->
                                                m.index(rooms)
                                                        .ids(ids)
                                                        .sourceIncludes(
                                                                "roomId",
                                                                "sessionId",
                                                                "title",
                                                                "startedAt",
                                                                "live",
                                                                "visibility"),
                                        RoomStart.class));
        Map<SessionKey, SessionInfo> found = new LinkedHashMap<>();
        response.docs()
                .forEach(
                        doc -> {
                            if (doc.isResult()
                                    && doc.result().found()
                                    && doc.result().source() != null) {
                                RoomStart r = doc.result().source();
                                SessionKey key = new SessionKey(r.roomId(), r.sessionId());
                                found.put(
                                        key,
                                        new SessionInfo(
                                                key,
                                                r.title(),
                                                r.startedAt() == null
                                                        ? null
                                                        : Instant.ofEpochMilli(r.startedAt()),
                                                Boolean.TRUE.equals(r.live()),
                                                r.visibility()));
                            }
                        });
        return found;
    }

    /**
     * The live sessions, when the query filters on live or ended rooms (else not needed): read at
     * most every {@link #LIVE_LIST_TTL_NANOS}, as late as a hit's "live" may be.
     */
    private List<SessionKey> liveSessions(SearchQuery query) {
        if (query.live() == null) {
            return List.of();
        }
        LiveList known = liveList;
        long now = System.nanoTime();
        if (known != null && now - known.readAtNanos() < LIVE_LIST_TTL_NANOS) {
            return known.sessions();
        }
        List<SessionKey> sessions = readLiveSessions();
        liveList = new LiveList(sessions, now);
        return sessions;
    }

    private List<SessionKey> readLiveSessions() {
        SearchResponse<RoomStart> response =
                call.run(
                        "list live sessions in '" + rooms + "'",
                        () ->
                                client.search(
                                        s ->
                                                s.index(rooms)
                                                        .query(
                                                                q ->
                                                                        q.term(
                                                                                t ->
                                                                                        t.field(
                                                                                                        "live")
                                                                                                .value(
                                                                                                        FieldValue
                                                                                                                .of(
                                                                                                                        true))))
                                                        .size(MAX_LIVE_SESSIONS)
                                                        .source(
                                                                src ->
                                                                        src.filter(
                                                                                f ->
                                                                                        f.includes(
                                                                                                "roomId",
                                                                                                "sessionId"))),
                                        RoomStart.class));
        return response.hits().hits().stream()
                .map(Hit::source)
                .filter(java.util.Objects::nonNull)
                .map(r -> new SessionKey(r.roomId(), r.sessionId()))
                .toList();
    }

    private static SegmentPage page(SearchResponse<SegmentSource> response, int size) {
        List<Segment> segments = new ArrayList<>();
        for (Hit<SegmentSource> hit : response.hits().hits()) {
            if (hit.source() != null) {
                segments.add(hit.source().toSegment(hit.id()));
            }
        }
        Optional<Cursor> next =
                segments.size() < size || segments.isEmpty()
                        ? Optional.empty()
                        : Optional.of(Cursor.after(segments.get(segments.size() - 1)));
        return new SegmentPage(segments, next);
    }
}
