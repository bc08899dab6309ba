package io.aircheck.api.export;

import io.aircheck.api.ApiException;
import io.aircheck.api.access.Caller;
import io.aircheck.api.access.Role;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.RoomCatalog;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.RoomPage;
import io.aircheck.storage.RoomQuery;
import io.aircheck.storage.export.BundleLayout;
import io.aircheck.storage.export.BundleManifest;
import io.aircheck.storage.export.BundleManifestJson;
import io.aircheck.storage.export.BundlePreparer;
import io.aircheck.storage.export.ExportRequest;
import io.aircheck.storage.export.ExportScope;
import io.aircheck.storage.export.SigningKeys;
import io.aircheck.storage.layout.ObjectKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auditors' exports, without HTTP: an export is asked for with a case reference and a scope (a
 * session, or a participant's sessions in a time range), recorded in the bucket, and prepared in
 * the background (every file read once and hashed, tied to the recorder's manifest, the bundle
 * manifest signed); the bundle is then served from its layout, any byte range of it. Only the
 * auditor who asked (or an admin) sees an export. The state lives in the bucket, so any instance
 * serves any export.
 */
public final class ExportService {
    private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    /** A bundle ready to stream, and the tag that names its bytes. */
    public record Bundle(String exportId, BundleLayout layout, String etag) {}

    private record Progress(long done, long total) {}

    private final ObjectStore store;
    private final RoomCatalog catalog;
    private final SigningKeys.Signer signer;
    private final ExecutorService preparers;
    private final Clock clock;
    private final Map<String, Progress> preparing = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** {@code signer} may be null: exports are then refused with a message saying what to set. */
    public ExportService(
            ObjectStore store,
            RoomCatalog catalog,
            SigningKeys.Signer signer,
            ExecutorService preparers,
            Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.signer = signer;
        this.preparers = preparers;
        this.clock = clock;
    }

    /**
     * The sessions an export of {@code scope} would hold; refuses (409) when this instance cannot
     * sign exports, and (404) when there is nothing to export.
     */
    public List<ExportRequest.Session> resolve(ExportScope scope) {
        if (signer == null) {
            throw new ApiException(
                    409,
                    "exports_disabled",
                    "this search-api has no signing key, so it makes no exports: set AIRCHECK_SIGNING_KEY_FILE (make one with `aircheck keygen`)");
        }
        return sessions(scope);
    }

    /** A fresh export id: when it was asked for, and a random part. */
    public String newExportId() {
        byte[] id = new byte[4];
        random.nextBytes(id);
        return "x" + ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(id);
    }

    /** Records the export of {@code sessions} (from {@link #resolve}) and starts preparing it. */
    public ExportStatus create(
            Caller caller,
            ExportScope scope,
            String exportId,
            String caseReference,
            List<ExportRequest.Session> sessions) {
        Instant now = clock.instant();
        String by = caller.name() + " (" + caller.role().name().toLowerCase(Locale.ROOT) + ")";
        ExportRecord record =
                new ExportRecord(
                        new ExportRequest(exportId, caseReference, by, now, scope, sessions),
                        caller.name(),
                        caller.role().name());
        store.put(ExportRecord.requestKey(exportId), record.toJson(), "application/json");
        start(record);
        LOG.info(
                "export {} for case {} by {}: {} ({} sessions)",
                exportId,
                caseReference,
                by,
                scope.describe(),
                sessions.size());
        return status(record);
    }

    /** An export the caller may see. */
    public ExportStatus status(Caller caller, String exportId) {
        ExportRecord record = record(caller, exportId);
        ExportStatus status = status(record);
        if (status.state().equals(ExportStatus.PREPARING) && !preparing.containsKey(exportId)) {
            start(record); // prepared elsewhere when that instance stopped, or never started:
            // resume here
        }
        return status;
    }

    /** The bundle of a ready export. */
    public Bundle bundle(Caller caller, String exportId) {
        ExportRecord record = record(caller, exportId);
        if (store.stat(ExportRecord.manifestKey(exportId)).isEmpty()) {
            ExportStatus status = status(caller, exportId);
            throw new ApiException(
                    409,
                    "export_not_ready",
                    "export '"
                            + exportId
                            + "' is "
                            + status.state()
                            + (status.error() == null ? "" : ": " + status.error())
                            + "; its bundle is served once it is ready");
        }
        byte[] manifest = store.get(ExportRecord.manifestKey(exportId));
        byte[] signature = store.get(ExportRecord.signatureKey(exportId));
        BundleManifest parsed = BundleManifestJson.read(manifest);
        return new Bundle(
                record.request().exportId(),
                new BundleLayout(parsed, manifest, signature),
                sha256(manifest));
    }

    /** What was asked for in an export the caller may see. */
    public ExportRequest request(Caller caller, String exportId) {
        return record(caller, exportId).request();
    }

    /** Bytes of an archived object, for a bundle being streamed. */
    java.io.InputStream open(String key, long offset, long length) {
        return store.open(key, offset, length);
    }

    /** The signed manifest of a ready export, as stored. */
    public byte[] manifest(Caller caller, String exportId) {
        return bundle(caller, exportId).layout().manifestBytes();
    }

    private ExportRecord record(Caller caller, String exportId) {
        if (!ObjectKeys.isSafeId(exportId)
                || store.stat(ExportRecord.requestKey(exportId)).isEmpty()) {
            throw ApiException.notFound("no export '" + exportId + "'");
        }
        ExportRecord record = ExportRecord.read(store.get(ExportRecord.requestKey(exportId)));
        if (caller.role() != Role.ADMIN && !record.ownerName().equals(caller.name())) {
            throw ApiException.notFound("no export '" + exportId + "' of yours");
        }
        return record;
    }

    private ExportStatus status(ExportRecord record) {
        ExportRequest r = record.request();
        String id = r.exportId();
        List<String> sessions =
                r.sessions().stream().map(s -> s.roomId() + "/" + s.sessionId()).toList();
        if (store.stat(ExportRecord.manifestKey(id)).isPresent()) {
            Bundle bundle =
                    new Bundle(
                            id,
                            new BundleLayout(
                                    BundleManifestJson.read(
                                            store.get(ExportRecord.manifestKey(id))),
                                    store.get(ExportRecord.manifestKey(id)),
                                    store.get(ExportRecord.signatureKey(id))),
                            null);
            BundleManifest m = bundle.layout().manifest();
            List<String> findings = new ArrayList<>();
            m.sessions()
                    .forEach(
                            s -> {
                                s.missing()
                                        .forEach(
                                                k ->
                                                        findings.add(
                                                                k
                                                                        + ": listed by the recorder's manifest but missing from the archive"));
                                s.recorderProblems()
                                        .forEach(
                                                p ->
                                                        findings.add(
                                                                s.roomId()
                                                                        + "/"
                                                                        + s.sessionId()
                                                                        + ": the recorder's hash chain is broken: "
                                                                        + p));
                            });
            m.files().stream()
                    .filter(f -> Boolean.FALSE.equals(f.matchesRecorder()))
                    .forEach(
                            f -> findings.add(f.path() + ": differs from what the recorder wrote"));
            return new ExportStatus(
                    id,
                    ExportStatus.READY,
                    r.caseReference(),
                    r.requestedBy(),
                    r.createdAt(),
                    r.scope().describe(),
                    sessions,
                    m.contentBytes(),
                    m.contentBytes(),
                    bundle.layout().length(),
                    m.files().size(),
                    sha256(bundle.layout().manifestBytes()),
                    m.keyId(),
                    findings,
                    null);
        }
        if (store.stat(ExportRecord.failedKey(id)).isPresent()) {
            return new ExportStatus(
                    id,
                    ExportStatus.FAILED,
                    r.caseReference(),
                    r.requestedBy(),
                    r.createdAt(),
                    r.scope().describe(),
                    sessions,
                    0,
                    0,
                    0,
                    0,
                    null,
                    null,
                    List.of(),
                    new String(store.get(ExportRecord.failedKey(id)), StandardCharsets.UTF_8)
                            .strip());
        }
        Progress p = preparing.getOrDefault(id, new Progress(0, 0));
        return new ExportStatus(
                id,
                ExportStatus.PREPARING,
                r.caseReference(),
                r.requestedBy(),
                r.createdAt(),
                r.scope().describe(),
                sessions,
                p.done(),
                p.total(),
                0,
                0,
                null,
                null,
                List.of(),
                null);
    }

    private void start(ExportRecord record) {
        String id = record.request().exportId();
        if (preparing.putIfAbsent(id, new Progress(0, 0)) != null) {
            return;
        }
        try {
            preparers.execute(() -> prepare(record));
        } catch (RejectedExecutionException e) {
            preparing.remove(id);
            throw new ApiException(
                    503, "exports_busy", "too many exports are being prepared; try again shortly");
        }
    }

    private void prepare(ExportRecord record) {
        String id = record.request().exportId();
        try {
            BundlePreparer.Prepared prepared =
                    new BundlePreparer(store, signer)
                            .prepare(
                                    record.request(),
                                    (done, total, path) ->
                                            preparing.put(id, new Progress(done, total)));
            store.put(ExportRecord.signatureKey(id), prepared.signatureBytes(), "text/plain");
            store.put(ExportRecord.manifestKey(id), prepared.manifestBytes(), "application/json");
            LOG.info(
                    "export {} ready: {} files, {} bytes",
                    id,
                    prepared.manifest().files().size(),
                    prepared.layout().length());
        } catch (RuntimeException e) {
            LOG.error("export {} failed", id, e);
            store.put(
                    ExportRecord.failedKey(id),
                    ("preparing the bundle failed: " + e.getMessage() + "\n")
                            .getBytes(StandardCharsets.UTF_8),
                    "text/plain");
        } finally {
            preparing.remove(id);
        }
    }

    /**
     * The sessions a scope names: one session that has objects, or a participant's sessions in
     * range.
     */
    List<ExportRequest.Session> sessions(ExportScope scope) {
        if (scope.kind().equals(ExportScope.SESSION)) {
            if (store.list(ObjectKeys.session(scope.roomId(), scope.sessionId())).isEmpty()) {
                throw ApiException.notFound(
                        "nothing is archived of session '"
                                + scope.sessionId()
                                + "' of room '"
                                + scope.roomId()
                                + "'");
            }
            return List.of(new ExportRequest.Session(scope.roomId(), scope.sessionId()));
        }
        List<ExportRequest.Session> out = new ArrayList<>();
        for (int from = 0;
                from + RoomQuery.MAX_SIZE <= RoomQuery.MAX_WINDOW;
                from += RoomQuery.MAX_SIZE) {
            RoomPage page =
                    catalog.list(
                            new RoomQuery(
                                    null,
                                    scope.roomId(),
                                    scope.participantId(),
                                    from,
                                    RoomQuery.MAX_SIZE));
            for (RoomDocument room : page.items()) {
                Instant end = room.endedAt() == null ? clock.instant() : room.endedAt();
                if (room.startedAt().isBefore(scope.until()) && !end.isBefore(scope.from())) {
                    out.add(new ExportRequest.Session(room.roomId(), room.sessionId()));
                }
            }
            if (page.items().size() < RoomQuery.MAX_SIZE) {
                break;
            }
        }
        if (out.isEmpty()) {
            throw ApiException.notFound(
                    scope.describe()
                            + ": the participant spoke in no archived session in that range");
        }
        out.sort(
                java.util.Comparator.comparing(ExportRequest.Session::roomId)
                        .thenComparing(ExportRequest.Session::sessionId));
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
