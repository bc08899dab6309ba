package io.aircheck.api.retention;

import io.aircheck.api.audit.KafkaAuditLog;
import io.aircheck.config.ConfigException;
import io.aircheck.config.EnvReader;
import io.aircheck.config.KafkaSettings;
import io.aircheck.config.S3Settings;
import io.aircheck.config.Setting;
import io.aircheck.storage.audit.AuditLog;
import io.aircheck.storage.retention.LegalHolds;
import io.aircheck.storage.retention.RetentionPlan;
import io.aircheck.storage.retention.RetentionPolicy;
import io.aircheck.storage.retention.RetentionReport;
import io.aircheck.storage.retention.RetentionRun;
import io.aircheck.storage.retention.RetentionTier;
import io.aircheck.storage.s3.S3ObjectStore;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code aircheck retention [--dry-run]}: applies the retention tiers ({@code
 * AIRCHECK_RETENTION_TIERS}) to the archive bucket and any bucket a tier names: deletes what has
 * expired and is on no legal hold, and only that; records every deletion on {@code archive.audit}
 * (the run stops if one cannot be recorded); on servers with S3 Object Lock, locks the objects of
 * WORM tiers until their retention ends. Says which hold enforcement is active. Run it from cron or
 * a Kubernetes CronJob. Exit 0 = done, 1 = problems (listed).
 */
public final class RetentionCommand {
    public static final List<Setting<?>> SETTINGS = settings();

    private RetentionCommand() {}

    public static int run(
            String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        boolean dryRun = args.length == 1 && args[0].equals("--dry-run");
        if (args.length > 1 || (args.length == 1 && !dryRun)) {
            err.println("usage: aircheck retention [--dry-run]");
            return 2;
        }
        S3Settings s3;
        KafkaSettings kafka;
        RetentionPolicy policy;
        try {
            EnvReader reader = new EnvReader(env);
            s3 = S3Settings.read(reader);
            kafka = KafkaSettings.read(reader);
            policy = RetentionSettings.read(reader).policy();
            reader.validate("retention");
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        for (RetentionTier t : policy.tiers()) {
            out.printf(
                    "tier %-14s keep %-8s %s%s%s%n",
                    t.name(),
                    t.describeRetention(),
                    t.worm() ? "WORM " : "",
                    t.bucket() == null ? "" : "s3://" + t.bucket() + "/",
                    t.patterns());
        }
        String service = "retention@" + host();
        List<String> problems = new ArrayList<>();
        try (S3ObjectStore archive = S3ObjectStore.connect(s3);
                AuditLog audit = dryRun ? record -> {} : new KafkaAuditLog(kafka)) {
            LegalHolds holds = new LegalHolds(archive, archive.objectLock());
            out.println(
                    "legal holds: "
                            + holds.all().active().size()
                            + " active; enforcement: "
                            + holds.enforcement().description());
            for (String bucket : policy.buckets(s3.bucket())) {
                S3Settings settings =
                        new S3Settings(
                                s3.endpoint(), s3.accessKey(), s3.secretKey(), bucket, s3.region());
                try (S3ObjectStore store =
                        bucket.equals(s3.bucket()) ? null : S3ObjectStore.connect(settings)) {
                    S3ObjectStore target = store == null ? archive : store;
                    RetentionReport report =
                            new RetentionRun(
                                            target,
                                            s3.bucket(),
                                            holds,
                                            target.objectLock(),
                                            policy,
                                            audit,
                                            service,
                                            Clock.systemUTC())
                                    .run(dryRun, out::println);
                    out.printf(
                            "%s: %d deleted (%d bytes), %d held, %d within retention, %d kept forever, %d in no tier, %d locked (WORM)%s%n",
                            bucket,
                            report.deleted().size(),
                            report.bytesFreed(),
                            report.count(RetentionPlan.Verdict.KEEP_HELD),
                            report.count(RetentionPlan.Verdict.KEEP_UNEXPIRED),
                            report.count(RetentionPlan.Verdict.KEEP_FOREVER),
                            report.count(RetentionPlan.Verdict.KEEP_NO_TIER),
                            report.locked(),
                            dryRun
                                    ? " (dry run: would delete "
                                            + report.count(RetentionPlan.Verdict.DELETE)
                                            + ")"
                                    : "");
                    problems.addAll(report.problems());
                }
            }
        } catch (AuditLog.AuditLogException e) {
            err.println(
                    "retention stopped: a deletion could not be recorded on the audit trail: "
                            + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("retention failed: " + e.getMessage());
            return 1;
        }
        problems.forEach(p -> out.println("problem: " + p));
        return problems.isEmpty() ? 0 : 1;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(S3Settings.SETTINGS);
        all.addAll(KafkaSettings.SETTINGS);
        all.addAll(RetentionSettings.SETTINGS);
        return List.copyOf(all);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }
}
