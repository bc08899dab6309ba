package io.aircheck.storage.audit;

import java.util.List;
import java.util.Optional;

/** A page of the audit trail, newest first, and where the next page starts (if there is one). */
public record AuditPage(List<IndexedAudit> items, Optional<AuditQuery.Cursor> next) {
    public AuditPage {
        items = List.copyOf(items);
    }
}
