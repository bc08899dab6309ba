package io.aircheck.storage.retention;

import io.aircheck.storage.ObjectInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, object by object, what a retention run deletes: exactly the objects past their tier's
 * retention (measured from when they were last written) that no active legal hold covers. Objects
 * of no tier, of a tier kept forever, or without a known write time are kept. Pure.
 */
public final class RetentionPlanner {
    private RetentionPlanner() {}

    public static RetentionPlan plan(
            String bucket,
            String archiveBucket,
            List<ObjectInfo> listing,
            RetentionPolicy policy,
            HoldSet holds,
            SessionParticipants participants,
            Instant now) {
        List<RetentionPlan.Decision> decisions = new ArrayList<>(listing.size());
        for (ObjectInfo object : listing) {
            Optional<RetentionTier> tier = policy.tierOf(bucket, archiveBucket, object.key());
            if (tier.isEmpty()) {
                decisions.add(
                        new RetentionPlan.Decision(
                                object, RetentionPlan.Verdict.KEEP_NO_TIER, null, null, List.of()));
                continue;
            }
            String name = tier.get().name();
            if (tier.get().keepFor() == null || object.lastModified() == null) {
                decisions.add(
                        new RetentionPlan.Decision(
                                object, RetentionPlan.Verdict.KEEP_FOREVER, name, null, List.of()));
                continue;
            }
            Instant expires = object.lastModified().plus(tier.get().keepFor());
            List<String> covering =
                    bucket.equals(archiveBucket)
                            ? holds.covering(object.key(), participants).stream()
                                    .map(LegalHold::holdId)
                                    .toList()
                            : List.of();
            RetentionPlan.Verdict verdict;
            if (now.isBefore(expires)) {
                verdict = RetentionPlan.Verdict.KEEP_UNEXPIRED;
            } else if (!covering.isEmpty()) {
                verdict = RetentionPlan.Verdict.KEEP_HELD;
            } else {
                verdict = RetentionPlan.Verdict.DELETE;
            }
            decisions.add(new RetentionPlan.Decision(object, verdict, name, expires, covering));
        }
        return new RetentionPlan(bucket, now, decisions);
    }
}
