package io.aircheck.storage.audit;

import java.util.List;

/**
 * The audit trail, searchable: a projection of the archived batches (rebuildable from them or from
 * {@code archive.audit}). Ids are log positions, so writing an entry again overwrites it.
 */
public interface AuditIndex {
    void index(List<IndexedAudit> entries);

    AuditPage search(AuditQuery query);

    /** Makes what was written visible to searches (tests and tools). */
    void refresh();
}
