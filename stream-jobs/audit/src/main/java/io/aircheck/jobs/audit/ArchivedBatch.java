package io.aircheck.jobs.audit;

/** A batch the archiver wrote: its sequence number, how many entries, and its hash. */
public record ArchivedBatch(long seq, int entries, String sha256) {}
