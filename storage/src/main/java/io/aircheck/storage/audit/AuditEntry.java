package io.aircheck.storage.audit;

import io.aircheck.storage.CanonicalJson;

/**
 * An entry as archived: where it was in the log ({@code archive.audit} partition and offset), and
 * either the event or, for a record that did not decode, why it was refused and the sha256 of its
 * bytes (so the log has no gaps the verifier would take for removals). Pure.
 *
 * @param record the event, or null for a refused record
 */
public record AuditEntry(
        int partition, long offset, AuditRecord record, String rejected, String valueSha256) {

    public AuditEntry {
        if ((record == null) == (rejected == null)) {
            throw new IllegalArgumentException("an audit entry is an event or a refused record");
        }
    }

    public static AuditEntry of(int partition, long offset, AuditRecord record) {
        return new AuditEntry(partition, offset, record, null, null);
    }

    public static AuditEntry refused(
            int partition, long offset, String reason, String valueSha256) {
        return new AuditEntry(partition, offset, null, reason, valueSha256);
    }

    /** What the chain link covers: the entry's line without its link. */
    public String canonical() {
        CanonicalJson json =
                new CanonicalJson().field("partition", partition).field("offset", offset);
        if (record != null) {
            return json.raw("event", record.canonical()).toString();
        }
        return json.field("rejected", rejected).field("valueSha256", valueSha256).toString();
    }

    /** The line in a batch: the canonical form with the link appended. */
    public String line(String link) {
        String canonical = canonical();
        return canonical.substring(0, canonical.length() - 1) + ",\"link\":\"" + link + "\"}";
    }
}
