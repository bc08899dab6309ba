package io.aircheck.jobs.audit;

import io.aircheck.storage.audit.AuditEntry;
import io.aircheck.storage.audit.AuditRecord;

/**
 * An {@code archive.audit} record at its log position: the event, or (for a record that did not
 * decode) the reason and the sha256 of its bytes, so the archived trail has no gap where it was.
 */
public record LoggedAudit(
        int partition, long offset, AuditRecord record, String rejected, String valueSha256) {
    public AuditEntry entry() {
        return record != null
                ? AuditEntry.of(partition, offset, record)
                : AuditEntry.refused(partition, offset, rejected, valueSha256);
    }
}
