package io.aircheck.jobs.audit;

import io.aircheck.storage.audit.AuditEntry;
import io.aircheck.storage.audit.IndexedAudit;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit index's documents of one archived batch: its entries that are events (refused records
 * stay in the chain, not in the index), each with its log position and the batch it is in.
 */
final class AuditDocuments {
    private AuditDocuments() {}

    static List<IndexedAudit> of(long seq, List<AuditEntry> entries) {
        List<IndexedAudit> docs = new ArrayList<>();
        for (AuditEntry e : entries) {
            if (e.record() != null) {
                docs.add(new IndexedAudit(e.record(), e.partition(), e.offset(), seq));
            }
        }
        return docs;
    }
}
