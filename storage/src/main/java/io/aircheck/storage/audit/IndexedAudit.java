package io.aircheck.storage.audit;

/**
 * An archived entry as the audit index holds it: the event, its log position, and the batch of the
 * chain it is archived in (so any answer can be checked against the signed trail).
 */
public record IndexedAudit(AuditRecord record, int partition, long offset, long batch) {}
