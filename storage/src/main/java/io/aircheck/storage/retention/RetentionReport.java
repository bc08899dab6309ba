package io.aircheck.storage.retention;

import java.util.List;
import java.util.Map;

/**
 * What a retention run did in one bucket: how many objects it decided what for, what it deleted
 * (and how many bytes that freed), what it locked, and what went wrong.
 */
public record RetentionReport(
        String bucket,
        boolean dryRun,
        String enforcement,
        Map<RetentionPlan.Verdict, Long> verdicts,
        List<String> deleted,
        long bytesFreed,
        long locked,
        List<String> problems) {

    public RetentionReport {
        verdicts = Map.copyOf(verdicts);
        deleted = List.copyOf(deleted);
        problems = List.copyOf(problems);
    }

    public long count(RetentionPlan.Verdict verdict) {
        return verdicts.getOrDefault(verdict, 0L);
    }
}
