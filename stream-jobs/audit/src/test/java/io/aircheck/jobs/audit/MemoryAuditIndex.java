package io.aircheck.jobs.audit;

import io.aircheck.storage.audit.AuditIndex;
import io.aircheck.storage.audit.AuditPage;
import io.aircheck.storage.audit.AuditQuery;
import io.aircheck.storage.audit.IndexedAudit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The audit index in memory, shared across instances; ids are log positions. */
final class MemoryAuditIndex implements AuditIndex {
    static final Map<String, IndexedAudit> DOCS = new ConcurrentSkipListMap<>();

    @Override
    public void index(List<IndexedAudit> entries) {
        entries.forEach(e -> DOCS.put(e.partition() + "-" + e.offset(), e));
    }

    @Override
    public AuditPage search(AuditQuery query) {
        return new AuditPage(List.copyOf(DOCS.values()), Optional.empty());
    }

    @Override
    public void refresh() {}
}
