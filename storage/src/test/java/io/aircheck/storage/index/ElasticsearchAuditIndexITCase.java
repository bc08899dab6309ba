package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.storage.audit.AuditPage;
import io.aircheck.storage.audit.AuditQuery;
import io.aircheck.storage.audit.AuditRecord;
import io.aircheck.storage.audit.IndexedAudit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit index on the embedded Elasticsearch node: filters, time ranges, paging newest first.
 */
class ElasticsearchAuditIndexITCase {
    private static AuditRecord record(
            String actor, String action, String caseRef, String room, long atMs) {
        return new AuditRecord(
                "e-" + atMs,
                atMs,
                actor,
                "auditor",
                "key",
                action,
                "ok",
                200,
                caseRef,
                "127.0.0.1",
                "search-api@it",
                room,
                "s1",
                "",
                "GET /x",
                "",
                "");
    }

    @Test
    void filtersAndPagesNewestFirst() {
        IndexDefinition def =
                ElasticsearchAuditIndex.AUDIT.withAlias(
                        ElasticsearchTestCluster.uniqueAlias("audit"));
        ElasticsearchAuditIndex index =
                ElasticsearchAuditIndex.ensure(ElasticsearchTestCluster.client(), def);
        List<IndexedAudit> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String actor = i % 2 == 0 ? "ann" : "rita";
            entries.add(
                    new IndexedAudit(
                            record(
                                    actor,
                                    i % 5 == 0 ? "export" : "search",
                                    i < 10 ? "CASE-1" : "",
                                    "room-" + (i % 3),
                                    1_000_000 + i * 1000L),
                            i % 2,
                            i,
                            i / 10));
        }
        index.index(entries);
        index.index(entries.subList(0, 3)); // again: overwritten, not duplicated
        index.refresh();

        AuditPage anns =
                index.search(
                        new AuditQuery(
                                "ann", null, null, null, null, null, null, null, null, null, 5));
        assertThat(anns.items())
                .hasSize(5)
                .allSatisfy(e -> assertThat(e.record().actor()).isEqualTo("ann"));
        assertThat(anns.items().get(0).record().atMs()).isEqualTo(1_024_000);
        List<Long> all = new ArrayList<>();
        AuditPage page = anns;
        while (true) {
            page.items().forEach(e -> all.add(e.offset()));
            if (page.next().isEmpty()) {
                break;
            }
            AuditQuery.Cursor next = AuditQuery.Cursor.decode(page.next().get().encode());
            page =
                    index.search(
                            new AuditQuery(
                                    "ann", null, null, null, null, null, null, null, null, next,
                                    5));
        }
        assertThat(all).containsExactly(24L, 22L, 20L, 18L, 16L, 14L, 12L, 10L, 8L, 6L, 4L, 2L, 0L);

        AuditPage exports =
                index.search(
                        new AuditQuery(
                                null, "export", null, null, null, null, "CASE-1", null, null, null,
                                50));
        assertThat(exports.items()).extracting(IndexedAudit::offset).containsExactly(5L, 0L);
        AuditPage window =
                index.search(
                        new AuditQuery(
                                null,
                                null,
                                null,
                                "room-1",
                                null,
                                null,
                                null,
                                Instant.ofEpochMilli(1_004_000),
                                Instant.ofEpochMilli(1_016_000),
                                null,
                                50));
        assertThat(window.items())
                .extracting(IndexedAudit::offset)
                .containsExactly(13L, 10L, 7L, 4L);
        assertThat(window.items().get(0).batch()).isEqualTo(1);
    }
}
