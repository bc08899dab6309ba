package io.aircheck.api.search.es;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.aircheck.api.search.Cursor;
import io.aircheck.api.search.HighlightMarkup;
import io.aircheck.api.search.Scope;
import io.aircheck.api.search.SearchQuery;
import io.aircheck.api.search.SearchText;
import io.aircheck.api.search.Segment;
import io.aircheck.api.search.SessionKey;
import io.aircheck.api.search.Sort;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the searches on the {@code transcripts} index (no I/O): words must all match (stemmed, on
 * {@code text}; the best hits are re-ranked by exact matches on {@code text.exact}), phrases match
 * as phrases, excluded words must not match; filters for the caller's scope and the query's
 * filters.
 */
final class TranscriptQueries {
    private TranscriptQueries() {}

    /** What a context line needs of a segment. */
    static final List<String> CONTEXT_FIELDS =
            List.of(
                    "segmentId",
                    "roomId",
                    "sessionId",
                    "participantId",
                    "speakerName",
                    "startMs",
                    "endMs",
                    "text");

    /**
     * Hits are counted exactly up to this many ("at least 1000" beyond): counting every match of a
     * common word would score them all.
     */
    static final int TOTAL_COUNTED = 1_000;

    /** How many of the best hits are re-ranked by exact (unstemmed) matches. */
    static final int RESCORE_WINDOW = 50;

    /**
     * A page of hits. {@code fromCards}: each hit is only its card, read from doc values (no stored
     * field is read, and the caller marks the matches itself); else its source without the words,
     * highlighted by the node (segments indexed before cards were).
     */
    static SearchRequest search(
            String index,
            SearchQuery query,
            Scope scope,
            List<SessionKey> liveSessions,
            boolean fromCards) {
        Query q = query(query, scope, liveSessions);
        Query exact = exactBoost(query.text());
        List<Query> text = textMatches(query.text());
        boolean rescore = query.sort() == Sort.RELEVANCE && exact != null;
        return SearchRequest.of(
                s -> {
                    s.index(index)
                            .query(q)
                            .from(query.offset())
                            .size(query.size())
                            .sort(sort(query.sort()))
                            .trackTotalHits(t -> t.count(TOTAL_COUNTED));
                    if (fromCards) {
                        s.storedFields("_none_")
                                .docvalueFields(f -> f.field(SegmentSource.CARD))
                                .source(src -> src.fetch(false));
                    } else {
                        s.source(src -> src.filter(f -> f.excludes("words")));
                    }
                    if (!text.isEmpty() && !fromCards) {
                        // marked: what the words and phrases match, not the filters (else the
                        // highlighter works out every filter's matches in each hit too)
                        Query marked = Query.of(m -> m.bool(b -> b.must(text)));
                        s.highlight(
                                h ->
                                        h.fields(
                                                "text",
                                                f ->
                                                        f.numberOfFragments(0)
                                                                .highlightQuery(marked)
                                                                .preTags(HighlightMarkup.START)
                                                                .postTags(HighlightMarkup.END)));
                    }
                    if (rescore && query.offset() < RESCORE_WINDOW) {
                        s.rescore(
                                r ->
                                        r.windowSize(RESCORE_WINDOW)
                                                .query(
                                                        rq ->
                                                                rq.query(exact)
                                                                        .queryWeight(1.0)
                                                                        .rescoreQueryWeight(1.0)));
                    }
                    return s;
                });
    }

    /**
     * Exact (unstemmed) matches of the words and phrases, on {@code text.exact}: a rescore of the
     * best hits, not part of the main query (a phrase of common words on positions of an unstemmed
     * field with stop words is costly over a whole index).
     */
    static Query exactBoost(SearchText text) {
        List<Query> should = new ArrayList<>();
        if (!text.words().isEmpty()) {
            String words = String.join(" ", text.words());
            should.add(Query.of(q -> q.match(m -> m.field("text.exact").query(words))));
        }
        for (String phrase : text.phrases()) {
            should.add(Query.of(q -> q.matchPhrase(m -> m.field("text.exact").query(phrase))));
        }
        return should.isEmpty() ? null : Query.of(q -> q.bool(b -> b.should(should)));
    }

    /** Every hit, oldest first, after the cursor: search_after paging with no window limit. */
    static SearchRequest export(
            String index,
            SearchQuery query,
            Scope scope,
            List<SessionKey> liveSessions,
            Cursor after,
            int size) {
        Query q = query(query, scope, liveSessions);
        return SearchRequest.of(
                s -> {
                    s.index(index)
                            .query(q)
                            .size(size)
                            .trackTotalHits(t -> t.enabled(false))
                            .sort(sort(Sort.OLDEST));
                    if (after != null) {
                        s.searchAfter(
                                FieldValue.of(after.startMs()), FieldValue.of(after.segmentId()));
                    }
                    return s;
                });
    }

    /** One session's segments in time order, after the cursor. */
    static SearchRequest session(
            String index, SessionKey key, Scope scope, Cursor after, int size) {
        List<Query> filters = new ArrayList<>(sessionFilter(key));
        filters.addAll(scopeFilters(scope));
        return SearchRequest.of(
                s -> {
                    s.index(index)
                            .query(b -> b.bool(x -> x.filter(filters)))
                            .size(size)
                            .trackTotalHits(t -> t.enabled(false))
                            .sort(sort(Sort.OLDEST));
                    if (after != null) {
                        s.searchAfter(
                                FieldValue.of(after.startMs()), FieldValue.of(after.segmentId()));
                    }
                    return s;
                });
    }

    /**
     * The segments spoken within {@code windowMs} of any of {@code hits}, in their sessions, in
     * time order, but not the hits themselves (the caller has them): one search for the context of
     * a whole page of hits. {@code fromCards}: each hit is only its card, read from doc values;
     * else the context fields of its source (segments indexed before cards were).
     */
    static SearchRequest neighbourhood(
            String index,
            List<Segment> hits,
            Scope scope,
            long windowMs,
            int size,
            boolean fromCards) {
        List<Query> around = new ArrayList<>();
        for (Segment hit : hits) {
            List<Query> filters =
                    new ArrayList<>(sessionFilter(new SessionKey(hit.roomId(), hit.sessionId())));
            filters.add(
                    Query.of(
                            q ->
                                    q.range(
                                            r ->
                                                    r.number(
                                                            n ->
                                                                    n.field("startMs")
                                                                            .gte(
                                                                                    (double)
                                                                                            (hit
                                                                                                            .startMs()
                                                                                                    - windowMs))
                                                                            .lte(
                                                                                    (double)
                                                                                            (hit
                                                                                                            .startMs()
                                                                                                    + windowMs))))));
            around.add(Query.of(q -> q.bool(b -> b.filter(filters))));
        }
        List<Query> filters = new ArrayList<>(scopeFilters(scope));
        filters.add(Query.of(q -> q.bool(b -> b.should(around).minimumShouldMatch("1"))));
        List<String> hitIds = hits.stream().map(Segment::segmentId).toList();
        Query query =
                Query.of(
                        q ->
                                q.bool(
                                        b ->
                                                b.filter(filters)
                                                        .mustNot(
                                                                n ->
                                                                        n.ids(
                                                                                i ->
                                                                                        i.values(
                                                                                                hitIds)))));
        // no sort: the caller orders the segments itself, and a sort would make the node read
        // and format every hit's sort values (the segment id's from its terms dictionary).
        // From cards: no stored field at all (not even _id), each hit's card from doc values
        return SearchRequest.of(
                s -> {
                    s.index(index).query(query).size(size).trackTotalHits(t -> t.enabled(false));
                    if (fromCards) {
                        s.storedFields("_none_")
                                .docvalueFields(f -> f.field(SegmentSource.CARD))
                                .source(src -> src.fetch(false));
                    } else {
                        s.source(src -> src.filter(f -> f.includes(CONTEXT_FIELDS)));
                    }
                    return s;
                });
    }

    static Query query(SearchQuery query, Scope scope, List<SessionKey> liveSessions) {
        SearchText text = query.text();
        List<Query> must = textMatches(text);
        List<Query> mustNot = new ArrayList<>();
        for (String word : text.excluded()) {
            mustNot.add(Query.of(q -> q.match(m -> m.field("text").query(word))));
        }
        List<Query> filters = new ArrayList<>(scopeFilters(scope));
        filters.addAll(queryFilters(query, liveSessions));
        return Query.of(
                q ->
                        q.bool(
                                b -> {
                                    b.filter(filters).mustNot(mustNot);
                                    if (must.isEmpty()) {
                                        b.must(m -> m.matchAll(a -> a));
                                    } else {
                                        b.must(must);
                                    }
                                    return b;
                                }));
    }

    /** What a segment's text must match: all the words (stemmed), and each phrase. */
    static List<Query> textMatches(SearchText text) {
        List<Query> must = new ArrayList<>();
        if (!text.words().isEmpty()) {
            String words = String.join(" ", text.words());
            must.add(
                    Query.of(
                            q ->
                                    q.match(
                                            m ->
                                                    m.field("text")
                                                            .query(words)
                                                            .operator(Operator.And))));
        }
        for (String phrase : text.phrases()) {
            must.add(Query.of(q -> q.matchPhrase(m -> m.field("text").query(phrase))));
        }
        return must;
    }

    static List<Query> scopeFilters(Scope scope) {
        List<Query> filters = new ArrayList<>();
        if (!scope.visibilities().isEmpty()) {
            filters.add(
                    Query.of(
                            q ->
                                    q.terms(
                                            t ->
                                                    t.field("visibility")
                                                            .terms(
                                                                    v ->
                                                                            v.value(
                                                                                    scope
                                                                                            .visibilities()
                                                                                            .stream()
                                                                                            .sorted()
                                                                                            .map(
                                                                                                    FieldValue
                                                                                                            ::of)
                                                                                            .toList())))));
        }
        if (!scope.includeWithheld()) {
            filters.add(term("consent", FieldValue.of(true)));
        }
        return filters;
    }

    private static List<Query> queryFilters(SearchQuery query, List<SessionKey> liveSessions) {
        List<Query> filters = new ArrayList<>();
        if (query.speaker() != null) {
            filters.add(
                    Query.of(
                            q ->
                                    q.bool(
                                            b ->
                                                    b.should(
                                                                    term(
                                                                            "participantId",
                                                                            FieldValue.of(
                                                                                    query
                                                                                            .speaker())),
                                                                    term(
                                                                            "speakerName",
                                                                            FieldValue.of(
                                                                                    query
                                                                                            .speaker())))
                                                            .minimumShouldMatch("1"))));
        }
        if (query.roomId() != null) {
            filters.add(term("roomId", FieldValue.of(query.roomId())));
        }
        if (query.sessionId() != null) {
            filters.add(term("sessionId", FieldValue.of(query.sessionId())));
        }
        if (query.since() != null || query.until() != null) {
            filters.add(
                    Query.of(
                            q ->
                                    q.range(
                                            r ->
                                                    r.number(
                                                            n -> {
                                                                n.field("startMs");
                                                                if (query.since() != null) {
                                                                    n.gte(
                                                                            (double)
                                                                                    query.since()
                                                                                            .toEpochMilli());
                                                                }
                                                                if (query.until() != null) {
                                                                    n.lt(
                                                                            (double)
                                                                                    query.until()
                                                                                            .toEpochMilli());
                                                                }
                                                                return n;
                                                            }))));
        }
        if (query.live() != null) {
            Query anyLive = anyOf(liveSessions);
            filters.add(query.live() ? anyLive : Query.of(q -> q.bool(b -> b.mustNot(anyLive))));
        }
        return filters;
    }

    /** Matches segments of any of the sessions (none: matches nothing). */
    private static Query anyOf(List<SessionKey> sessions) {
        if (sessions.isEmpty()) {
            return Query.of(q -> q.matchNone(n -> n));
        }
        List<Query> each =
                sessions.stream()
                        .map(k -> Query.of(q -> q.bool(b -> b.filter(sessionFilter(k)))))
                        .toList();
        return Query.of(q -> q.bool(b -> b.should(each).minimumShouldMatch("1")));
    }

    private static List<Query> sessionFilter(SessionKey key) {
        return List.of(
                term("roomId", FieldValue.of(key.roomId())),
                term("sessionId", FieldValue.of(key.sessionId())));
    }

    private static List<SortOptions> sort(Sort sort) {
        return switch (sort) {
            // score alone: Lucene can then skip documents that cannot make the page (block-max
            // WAND); a tie-break on a field would make it score every match of a common word
            // (no sort = by score, Elasticsearch's default)
            case RELEVANCE -> List.of();
            case NEWEST ->
                    List.of(field("startMs", SortOrder.Desc), field("segmentId", SortOrder.Asc));
            case OLDEST ->
                    List.of(field("startMs", SortOrder.Asc), field("segmentId", SortOrder.Asc));
        };
    }

    private static SortOptions field(String name, SortOrder order) {
        return SortOptions.of(o -> o.field(f -> f.field(name).order(order)));
    }

    private static Query term(String field, FieldValue value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }
}
