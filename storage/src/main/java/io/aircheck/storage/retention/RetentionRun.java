package io.aircheck.storage.retention;

import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.audit.AuditLog;
import io.aircheck.storage.audit.AuditRecord;
import io.aircheck.storage.layout.ObjectKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the retention policy to one bucket: plans ({@link RetentionPlanner}), locks the objects
 * of WORM tiers until their retention ends where the server has object lock, deletes what expired
 * and is on no hold (through a {@link HoldGuard}, which checks the holds again), and records every
 * deletion on the audit trail before the next one; if a deletion cannot be recorded the run stops.
 */
public final class RetentionRun {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionRun.class);

    private final ObjectStore store;
    private final String archiveBucket;
    private final LegalHolds holds;
    private final ObjectLock lock;
    private final RetentionPolicy policy;
    private final AuditLog audit;
    private final String service;
    private final Clock clock;

    /**
     * @param store the bucket to apply retention to
     * @param holds the legal holds (kept in the archive bucket)
     * @param lock the object lock of {@code store}'s bucket
     * @param service who runs it, for the audit trail (e.g. "retention@host")
     */
    public RetentionRun(
            ObjectStore store,
            String archiveBucket,
            LegalHolds holds,
            ObjectLock lock,
            RetentionPolicy policy,
            AuditLog audit,
            String service,
            Clock clock) {
        this.store = store;
        this.archiveBucket = archiveBucket;
        this.holds = holds;
        this.lock = lock;
        this.policy = policy;
        this.audit = audit;
        this.service = service;
        this.clock = clock;
    }

    public RetentionReport run(boolean dryRun, Consumer<String> progress) {
        String bucket = store.bucket();
        List<ObjectInfo> listing = listTiered(bucket);
        HoldSet holdSet = holds.all();
        SessionParticipants participants = participants(listing, holdSet);
        RetentionPlan plan =
                RetentionPlanner.plan(
                        bucket,
                        archiveBucket,
                        listing,
                        policy,
                        holdSet,
                        participants,
                        clock.instant());
        Map<RetentionPlan.Verdict, Long> verdicts = new EnumMap<>(RetentionPlan.Verdict.class);
        plan.decisions().forEach(d -> verdicts.merge(d.verdict(), 1L, Long::sum));
        progress.accept(
                bucket
                        + ": "
                        + listing.size()
                        + " objects; "
                        + plan.toDelete().size()
                        + " expired and not held"
                        + (dryRun ? " (dry run: nothing deleted)" : ""));
        long locked = dryRun ? 0 : lockWorm(plan);
        List<String> deleted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long freed = 0;
        if (!dryRun) {
            HoldGuard guard = new HoldGuard(store, holds, clock, java.time.Duration.ofSeconds(5));
            for (RetentionPlan.Decision d : plan.toDelete()) {
                String key = d.object().key();
                try {
                    guard.delete(key);
                } catch (HeldObjectException e) {
                    problems.add(e.getMessage());
                    continue;
                }
                audit.record(deletion(bucket, d));
                deleted.add(key);
                freed += d.object().sizeBytes();
                if (deleted.size() % 1000 == 0) {
                    progress.accept(
                            bucket
                                    + ": deleted "
                                    + deleted.size()
                                    + " of "
                                    + plan.toDelete().size());
                }
            }
        }
        LOG.info(
                "retention of bucket {}: {} deleted ({} bytes), {} held, {} locked",
                bucket,
                deleted.size(),
                freed,
                verdicts.getOrDefault(RetentionPlan.Verdict.KEEP_HELD, 0L),
                locked);
        return new RetentionReport(
                bucket,
                dryRun,
                lock.enforcement().description(),
                verdicts,
                deleted,
                freed,
                locked,
                problems);
    }

    /**
     * The objects some tier of this bucket could match: listed by each pattern's literal prefix.
     */
    private List<ObjectInfo> listTiered(String bucket) {
        List<String> prefixes = new ArrayList<>();
        policy.tiers().stream()
                .filter(t -> (t.bucket() == null ? archiveBucket : t.bucket()).equals(bucket))
                .flatMap(t -> t.patterns().stream())
                .map(p -> literalPrefix(p.glob()))
                .sorted()
                .forEach(
                        p -> {
                            if (prefixes.stream().noneMatch(p::startsWith)) {
                                prefixes.add(p);
                            }
                        });
        List<ObjectInfo> all = new ArrayList<>();
        prefixes.forEach(p -> all.addAll(store.list(p)));
        return all;
    }

    static String literalPrefix(String glob) {
        int wild = glob.length();
        for (char c : new char[] {'*', '?'}) {
            int at = glob.indexOf(c);
            if (at >= 0) {
                wild = Math.min(wild, at);
            }
        }
        String literal = glob.substring(0, wild);
        return literal.substring(0, literal.lastIndexOf('/') + 1);
    }

    private SessionParticipants participants(List<ObjectInfo> listing, HoldSet holdSet) {
        SessionParticipants participants = SessionParticipants.of(listing);
        if (!holdSet.anyParticipantHold() || !store.bucket().equals(archiveBucket)) {
            return participants;
        }
        Set<String> sessions = new HashSet<>();
        for (ObjectInfo o : listing) {
            String[] parts = o.key().split("/");
            if (parts.length >= 4
                    && parts[0].equals("rooms")
                    && sessions.add(parts[1] + "/" + parts[2])) {
                store.list(ObjectKeys.session(parts[1], parts[2]) + "tracks/")
                        .forEach(t -> participants.add(t.key()));
            }
        }
        return participants;
    }

    private long lockWorm(RetentionPlan plan) {
        if (!lock.enforcement().objectLock()) {
            return 0;
        }
        long locked = 0;
        for (RetentionPlan.Decision d : plan.decisions()) {
            if (d.verdict() != RetentionPlan.Verdict.KEEP_UNEXPIRED || d.expiresAt() == null) {
                continue;
            }
            boolean worm =
                    policy.tiers().stream().anyMatch(t -> t.name().equals(d.tier()) && t.worm());
            Instant until = d.expiresAt();
            if (worm
                    && lock.retainedUntil(d.object().key())
                            .map(u -> u.isBefore(until))
                            .orElse(true)) {
                lock.retainUntil(d.object().key(), until);
                locked++;
            }
        }
        return locked;
    }

    private AuditRecord deletion(String bucket, RetentionPlan.Decision d) {
        String key = d.object().key();
        String[] parts = key.split("/");
        boolean session = parts.length >= 4 && parts[0].equals("rooms");
        RetentionTier tier =
                policy.tiers().stream()
                        .filter(t -> t.name().equals(d.tier()))
                        .findFirst()
                        .orElseThrow();
        return new AuditRecord(
                UUID.randomUUID().toString(),
                clock.millis(),
                "retention",
                "system",
                "system",
                "delete",
                "ok",
                0,
                "",
                service,
                service,
                session ? parts[1] : "",
                session ? parts[2] : "",
                "",
                "s3://" + bucket + "/" + key,
                "tier "
                        + tier.name()
                        + " ("
                        + tier.describeRetention()
                        + ") expired "
                        + d.expiresAt()
                        + "; last written "
                        + d.object().lastModified()
                        + "; "
                        + d.object().sizeBytes()
                        + " bytes",
                "");
    }
}
