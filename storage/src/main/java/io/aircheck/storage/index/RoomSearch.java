package io.aircheck.storage.index;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.aircheck.storage.RoomQuery;
import java.util.ArrayList;
import java.util.List;

/** Builds the searches the room catalog runs (no I/O): filters only, newest session first. */
final class RoomSearch {
    private RoomSearch() {}

    static SearchRequest list(String index, RoomQuery query) {
        List<Query> filters = new ArrayList<>();
        query.liveFilter().ifPresent(live -> filters.add(term("live", FieldValue.of(live))));
        query.roomFilter().ifPresent(room -> filters.add(term("roomId", FieldValue.of(room))));
        query.speakerFilter()
                .ifPresent(speaker -> filters.add(term("speakerIds", FieldValue.of(speaker))));
        query.visibilityFilter()
                .ifPresent(
                        values ->
                                filters.add(
                                        Query.of(
                                                q ->
                                                        q.terms(
                                                                t ->
                                                                        t.field("visibility")
                                                                                .terms(
                                                                                        v ->
                                                                                                v
                                                                                                        .value(
                                                                                                                values
                                                                                                                        .stream()
                                                                                                                        .sorted()
                                                                                                                        .map(
                                                                                                                                FieldValue
                                                                                                                                        ::of)
                                                                                                                        .toList()))))));
        return SearchRequest.of(
                s ->
                        s.index(index)
                                .query(q -> q.bool(b -> b.filter(filters)))
                                .from(query.from())
                                .size(query.size())
                                .trackTotalHits(t -> t.enabled(true))
                                .sort(newestFirst()));
    }

    /** Every session of one room, newest first. */
    static SearchRequest sessions(String index, String roomId) {
        return SearchRequest.of(
                s ->
                        s.index(index)
                                .query(term("roomId", FieldValue.of(roomId)))
                                .size(RoomQuery.MAX_WINDOW)
                                .sort(newestFirst()));
    }

    private static Query term(String field, FieldValue value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static List<SortOptions> newestFirst() {
        return List.of(
                SortOptions.of(o -> o.field(f -> f.field("startedAt").order(SortOrder.Desc))),
                SortOptions.of(o -> o.field(f -> f.field("roomId").order(SortOrder.Asc))),
                SortOptions.of(o -> o.field(f -> f.field("sessionId").order(SortOrder.Desc))));
    }
}
