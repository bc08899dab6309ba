package io.aircheck.jobs.rebuild;

import java.util.Locale;
import java.util.Map;

/**
 * How far a replay of the log has got: records processed out of the records to replay (summed over
 * partitions, from the log's start offsets to the target offsets), the rate since the start, and
 * the time left at that rate. Pure: built from offsets the caller reads.
 */
public record RebuildProgress(long done, long total, double elapsedSeconds) {

    public static RebuildProgress of(
            Map<String, Long> start,
            Map<String, Long> target,
            Map<String, Long> position,
            double elapsedSeconds) {
        long total = 0;
        long done = 0;
        for (Map.Entry<String, Long> partition : target.entrySet()) {
            long from = start.getOrDefault(partition.getKey(), 0L);
            long to = partition.getValue();
            long at = Math.min(Math.max(position.getOrDefault(partition.getKey(), from), from), to);
            total += Math.max(0, to - from);
            done += Math.max(0, at - from);
        }
        return new RebuildProgress(done, total, elapsedSeconds);
    }

    public double fraction() {
        return total == 0 ? 1.0 : (double) done / total;
    }

    /** Records per second so far. */
    public double rate() {
        return elapsedSeconds <= 0 ? 0 : done / elapsedSeconds;
    }

    /** Seconds left at the rate so far; -1 while there is no rate yet. */
    public long etaSeconds() {
        if (done >= total) {
            return 0;
        }
        double rate = rate();
        return rate <= 0 ? -1 : (long) Math.ceil((total - done) / rate);
    }

    /** e.g. {@code [##########----------] 50% 1200/2400 records 310/s ETA 4 s}. */
    public String bar(int width) {
        int filled = (int) Math.round(fraction() * width);
        long eta = etaSeconds();
        return String.format(
                Locale.ROOT,
                "[%s%s] %3d%%  %d/%d records  %.0f/s  ETA %s",
                "#".repeat(filled),
                "-".repeat(width - filled),
                Math.round(fraction() * 100),
                done,
                total,
                rate(),
                eta < 0 ? "?" : eta + " s");
    }
}
