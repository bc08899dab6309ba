package io.aircheck.api.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.api.export.ExportController;
import io.aircheck.api.export.ExportService;
import io.aircheck.api.retention.HoldController;
import io.aircheck.storage.RoomCatalog;
import io.aircheck.storage.audit.AuditIndex;
import io.aircheck.storage.export.SigningKeys;
import io.aircheck.storage.index.ElasticsearchAuditIndex;
import io.aircheck.storage.retention.LegalHolds;
import io.aircheck.storage.s3.S3ObjectStore;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The auditors' part of the API, and the audit trail of all of it: the after-handler that records
 * every {@code /api/*} request on {@code archive.audit}, the exports, the legal holds and the
 * audit-trail queries. {@link #register} adds the routes; {@link #close} flushes the trail.
 */
public final class ArchiveRoutes implements AutoCloseable {
    private static final String EXPORT = "/api/exports/{exportId}";

    private final KafkaAuditLog log;
    private final AuditHook hook;
    private final ExportController exports;
    private final HoldController holds;
    private final AuditController audit;
    private final ExecutorService preparers;

    private ArchiveRoutes(
            KafkaAuditLog log,
            AuditHook hook,
            ExportController exports,
            HoldController holds,
            AuditController audit,
            ExecutorService preparers) {
        this.log = log;
        this.hook = hook;
        this.exports = exports;
        this.holds = holds;
        this.audit = audit;
        this.preparers = preparers;
    }

    /** Builds everything on search-api's connections; the audit index is created if missing. */
    public static ArchiveRoutes create(
            AuditConfig config,
            S3ObjectStore store,
            ElasticsearchClient es,
            RoomCatalog catalog,
            Clock clock) {
        SigningKeys.Signer signer = config.signingKey().signer().orElse(null);
        KafkaAuditLog.requireReachable(config.kafka(), io.aircheck.protocol.Topics.ARCHIVE_AUDIT);
        KafkaAuditLog log = new KafkaAuditLog(config.kafka());
        AuditHook hook = new AuditHook(log, clock);
        AuditIndex index = ElasticsearchAuditIndex.ensure(es, ElasticsearchAuditIndex.AUDIT);
        ExecutorService preparers =
                new ThreadPoolExecutor(
                        2,
                        2,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(32),
                        r -> {
                            Thread t = new Thread(r, "export-preparer");
                            t.setDaemon(true);
                            return t;
                        });
        return new ArchiveRoutes(
                log,
                hook,
                new ExportController(
                        new ExportService(store, catalog, signer, preparers, clock), hook),
                new HoldController(new LegalHolds(store, store.objectLock()), hook, clock),
                new AuditController(index, store, signer == null ? null : signer.verifier(), hook),
                preparers);
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.after("/api/*", hook::after);
        routes.post("/api/exports", exports::create);
        routes.get(EXPORT, exports::status);
        routes.get(EXPORT + "/bundle.tar", exports::bundle);
        routes.head(EXPORT + "/bundle.tar", exports::bundle);
        routes.get(EXPORT + "/bundle-manifest.json", exports::manifest);
        routes.get("/api/holds", holds::list);
        routes.post("/api/holds", holds::place);
        routes.delete("/api/holds/{holdId}", holds::release);
        routes.get("/api/audit", audit::query);
        routes.get("/api/audit/verify", audit::verify);
    }

    public KafkaAuditLog log() {
        return log;
    }

    @Override
    public void close() {
        preparers.shutdownNow();
        log.close();
    }
}
