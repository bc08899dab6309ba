package io.aircheck.storage.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.audit.AuditIndex;
import io.aircheck.storage.audit.AuditPage;
import io.aircheck.storage.audit.AuditQuery;
import io.aircheck.storage.audit.AuditRecord;
import io.aircheck.storage.audit.IndexedAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link AuditIndex} on the {@code audit} index (audit-v1.json): one document per archived entry,
 * id {@code partition-offset}; searches filter exactly and page newest first with {@code
 * search_after} on (time, partition, offset).
 */
public final class ElasticsearchAuditIndex implements AuditIndex {
    public static final IndexDefinition AUDIT =
            new IndexDefinition("audit", 1, "io/aircheck/storage/index/audit-v1.json");

    private final ElasticsearchClient client;
    private final String alias;
    private final ElasticsearchCall call = new ElasticsearchCall(RetryPolicy.defaults());

    public ElasticsearchAuditIndex(ElasticsearchClient client) {
        this(client, AUDIT);
    }

    public ElasticsearchAuditIndex(ElasticsearchClient client, IndexDefinition index) {
        this.client = client;
        this.alias = index.alias();
    }

    /** Creates the index and alias if missing (idempotent). */
    public static ElasticsearchAuditIndex ensure(
            ElasticsearchClient client, IndexDefinition index) {
        IndexBootstrap.ensure(client, index);
        return new ElasticsearchAuditIndex(client, index);
    }

    /** The stored shape. */
    record Source(
            String eventId,
            long atMs,
            String actor,
            String actorRole,
            String credential,
            String action,
            String outcome,
            int status,
            String caseReference,
            String origin,
            String service,
            String roomId,
            String sessionId,
            String participantId,
            String resource,
            String detail,
            String userAgent,
            int partition,
            long offset,
            long batch) {
        static Source of(IndexedAudit e) {
            AuditRecord r = e.record();
            return new Source(
                    r.eventId(),
                    r.atMs(),
                    r.actor(),
                    r.actorRole(),
                    r.credential(),
                    r.action(),
                    r.outcome(),
                    r.status(),
                    r.caseReference(),
                    r.origin(),
                    r.service(),
                    r.roomId(),
                    r.sessionId(),
                    r.participantId(),
                    r.resource(),
                    r.detail(),
                    r.userAgent(),
                    e.partition(),
                    e.offset(),
                    e.batch());
        }

        IndexedAudit toEntry() {
            return new IndexedAudit(
                    new AuditRecord(
                            eventId,
                            atMs,
                            actor,
                            actorRole,
                            credential,
                            action,
                            outcome,
                            status,
                            caseReference,
                            origin,
                            service,
                            roomId,
                            sessionId,
                            participantId,
                            resource,
                            detail,
                            userAgent),
                    partition,
                    offset,
                    batch);
        }
    }

    @Override
    public void index(List<IndexedAudit> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<BulkOperation> ops =
                entries.stream()
                        .map(
                                e ->
                                        BulkOperation.of(
                                                o ->
                                                        o.index(
                                                                i ->
                                                                        i.id(
                                                                                        e
                                                                                                        .partition()
                                                                                                + "-"
                                                                                                + e
                                                                                                        .offset())
                                                                                .document(
                                                                                        Source.of(
                                                                                                e)))))
                        .toList();
        BulkResponse response =
                call.run(
                        "bulk write of " + entries.size() + " audit entries to '" + alias + "'",
                        () -> client.bulk(b -> b.index(alias).requireAlias(true).operations(ops)));
        if (response.errors()) {
            List<String> failed = new ArrayList<>();
            response.items().stream()
                    .filter(i -> i.error() != null)
                    .forEach(i -> failed.add(i.id() + " (" + i.error().reason() + ")"));
            throw new IndexException(
                    true,
                    "Elasticsearch index '" + alias + "' refused audit entries: " + failed,
                    failed,
                    null);
        }
    }

    @Override
    public AuditPage search(AuditQuery query) {
        List<Query> filters = new ArrayList<>();
        term(filters, "actor", query.actor());
        term(filters, "action", query.action());
        term(filters, "outcome", query.outcome());
        term(filters, "roomId", query.roomId());
        term(filters, "sessionId", query.sessionId());
        term(filters, "participantId", query.participantId());
        term(filters, "caseReference", query.caseReference());
        if (query.from() != null || query.until() != null) {
            filters.add(
                    Query.of(
                            q ->
                                    q.range(
                                            r ->
                                                    r.number(
                                                            n -> {
                                                                n.field("atMs");
                                                                if (query.from() != null) {
                                                                    n.gte(
                                                                            (double)
                                                                                    query.from()
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
        List<SortOptions> sort = List.of(desc("atMs"), desc("partition"), desc("offset"));
        SearchResponse<Source> response =
                call.run(
                        "search of '" + alias + "'",
                        () ->
                                client.search(
                                        s -> {
                                            s.index(alias)
                                                    .query(q -> q.bool(b -> b.filter(filters)))
                                                    .size(query.size() + 1)
                                                    .sort(sort)
                                                    .trackTotalHits(t -> t.enabled(false));
                                            query.cursor()
                                                    .ifPresent(
                                                            c ->
                                                                    s.searchAfter(
                                                                            FieldValue.of(c.atMs()),
                                                                            FieldValue.of(
                                                                                    c.partition()),
                                                                            FieldValue.of(
                                                                                    c.offset())));
                                            return s;
                                        },
                                        Source.class));
        List<IndexedAudit> items = new ArrayList<>();
        for (Hit<Source> hit : response.hits().hits()) {
            if (hit.source() != null) {
                items.add(hit.source().toEntry());
            }
        }
        Optional<AuditQuery.Cursor> next = Optional.empty();
        if (items.size() > query.size()) {
            items = items.subList(0, query.size());
            IndexedAudit last = items.get(items.size() - 1);
            next =
                    Optional.of(
                            new AuditQuery.Cursor(
                                    last.record().atMs(), last.partition(), last.offset()));
        }
        return new AuditPage(items, next);
    }

    @Override
    public void refresh() {
        call.run("refresh '" + alias + "'", () -> client.indices().refresh(r -> r.index(alias)));
    }

    private static void term(List<Query> filters, String field, String value) {
        if (value != null && !value.isEmpty()) {
            filters.add(Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value)))));
        }
    }

    private static SortOptions desc(String field) {
        return SortOptions.of(o -> o.field(f -> f.field(field).order(SortOrder.Desc)));
    }
}
