package io.aircheck.api.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.aircheck.api.ApiException;
import io.aircheck.api.JsonObjectBody;
import io.aircheck.api.access.AccessPolicy;
import io.aircheck.api.access.Action;
import io.aircheck.api.access.Caller;
import io.aircheck.api.audit.AuditHook;
import io.aircheck.api.audit.StrictParams;
import io.aircheck.api.http.Authentication;
import io.aircheck.api.replay.ByteRange;
import io.aircheck.storage.export.BundleIntegrityException;
import io.aircheck.storage.export.BundleWriter;
import io.aircheck.storage.export.CaseReference;
import io.aircheck.storage.export.ExportScope;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auditors' exports over HTTP. {@code POST /api/exports} with {@code {"roomId", "sessionId"}} or
 * {@code {"participantId", "roomId"?, "from", "until"}} and a case reference ({@code
 * "caseReference"} or the {@code X-Case-Reference} header): 202 and where to follow it. {@code GET
 * /api/exports/{id}}: its state and progress. {@code GET|HEAD /api/exports/{id}/bundle.tar}: the
 * bundle, with byte ranges (a stopped download resumes with {@code Range}; {@code If-Range} with
 * the ETag guards against another bundle). {@code GET /api/exports/{id}/bundle-manifest.json}.
 */
public final class ExportController {
    private static final Logger LOG = LoggerFactory.getLogger(ExportController.class);
    private static final Set<String> FIELDS =
            Set.of("roomId", "sessionId", "participantId", "from", "until", "caseReference");

    private final ExportService exports;
    private final AuditHook audit;

    public ExportController(ExportService exports, AuditHook audit) {
        this.exports = exports;
        this.audit = audit;
    }

    public void create(Context ctx) {
        Caller caller = Authentication.caller(ctx);
        AccessPolicy.require(caller, Action.EXPORT_RECORDS);
        new StrictParams(ctx, Set.of());
        JsonNode body = body(ctx);
        String caseReference = caseReference(ctx, body);
        ExportScope scope;
        try {
            if (body.hasNonNull("participantId")) {
                scope =
                        ExportScope.participant(
                                text(body, "participantId"),
                                text(body, "roomId"),
                                StrictParams.parseInstant("from", text(body, "from")),
                                StrictParams.parseInstant("until", text(body, "until")));
            } else {
                scope = ExportScope.session(text(body, "roomId"), text(body, "sessionId"));
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    e.getMessage()
                            + "; export {\"roomId\", \"sessionId\"} or {\"participantId\", \"from\", \"until\"}");
        }
        var sessions = exports.resolve(scope);
        AuditHook.subject(ctx, scope.roomId(), scope.sessionId(), scope.participantId());
        String exportId = exports.newExportId();
        audit.recordNow(
                ctx,
                202,
                "export "
                        + exportId
                        + " of "
                        + scope.describe()
                        + ": "
                        + sessions.size()
                        + " session(s)");
        ExportStatus status = exports.create(caller, scope, exportId, caseReference, sessions);
        ctx.status(202);
        ctx.header("Location", "/api/exports/" + status.exportId());
        ctx.json(view(status));
    }

    public void status(Context ctx) {
        Caller caller = Authentication.caller(ctx);
        AccessPolicy.require(caller, Action.EXPORT_RECORDS);
        new StrictParams(ctx, Set.of());
        ExportStatus status = exports.status(caller, ctx.pathParam("exportId"));
        describe(ctx, caller, status.exportId());
        ctx.header("Cache-Control", "no-store");
        ctx.json(view(status));
    }

    public void manifest(Context ctx) {
        Caller caller = Authentication.caller(ctx);
        AccessPolicy.require(caller, Action.EXPORT_RECORDS);
        new StrictParams(ctx, Set.of());
        byte[] manifest = exports.manifest(caller, ctx.pathParam("exportId"));
        describe(ctx, caller, ctx.pathParam("exportId"));
        audit.recordNow(
                ctx,
                200,
                "export "
                        + ctx.pathParam("exportId")
                        + " manifest sha256 "
                        + ExportService.sha256(manifest));
        ctx.contentType("application/json");
        ctx.result(manifest);
    }

    public void bundle(Context ctx) throws IOException {
        Caller caller = Authentication.caller(ctx);
        AccessPolicy.require(caller, Action.EXPORT_RECORDS);
        new StrictParams(ctx, Set.of());
        ExportService.Bundle bundle = exports.bundle(caller, ctx.pathParam("exportId"));
        describe(ctx, caller, bundle.exportId());
        long size = bundle.layout().length();
        ctx.disableCompression();
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("ETag", "\"" + bundle.etag() + "\"");
        ctx.header("Content-Type", "application/x-tar");
        ctx.header(
                "Content-Disposition",
                "attachment; filename=\"" + bundle.layout().manifest().root() + ".tar\"");
        ctx.header("Cache-Control", "private, no-store");
        Optional<ByteRange> range;
        try {
            String ifRange = ctx.header("If-Range");
            range =
                    ifRange == null || ifRange.replace("\"", "").equals(bundle.etag())
                            ? ByteRange.parse(ctx.header("Range"), size)
                            : Optional.empty();
        } catch (ByteRange.Unsatisfiable e) {
            ctx.status(416);
            ctx.header("Content-Range", "bytes */" + size);
            ctx.json(Map.of("error", "range_not_satisfiable", "message", e.getMessage()));
            return;
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long end = range.map(r -> r.last() + 1).orElse(size);
        if (ctx.method() == HandlerType.HEAD) {
            ctx.status(range.isPresent() ? 206 : 200);
            range.ifPresent(r -> ctx.header("Content-Range", r.contentRange()));
            ctx.res().setContentLengthLong(end - first);
            return;
        }
        audit.recordNow(
                ctx,
                range.isPresent() ? 206 : 200,
                "export "
                        + bundle.exportId()
                        + " bundle bytes "
                        + first
                        + "-"
                        + (end - 1)
                        + " of "
                        + size
                        + ", manifest sha256 "
                        + bundle.etag());
        ctx.status(range.isPresent() ? 206 : 200);
        range.ifPresent(r -> ctx.header("Content-Range", r.contentRange()));
        ctx.res().setContentLengthLong(end - first);
        OutputStream out = ctx.res().getOutputStream();
        long[] logged = {0};
        try {
            new BundleWriter(
                            bundle.layout(),
                            (key, offset, length) -> exports.open(key, offset, length))
                    .write(
                            out,
                            first,
                            end,
                            (done, total) -> {
                                if (done - logged[0] >= 256L * 1024 * 1024 || done == total) {
                                    logged[0] = done;
                                    LOG.info(
                                            "export {}: {} of {} bytes sent",
                                            bundle.exportId(),
                                            done,
                                            total);
                                }
                            });
        } catch (BundleIntegrityException e) {
            LOG.error("export {} stopped: {}", bundle.exportId(), e.getMessage());
            throw new IOException(
                    e.getMessage(),
                    e); // the client sees a short download, never a different bundle
        }
    }

    /** The export's case reference (unless the request gave one) and subject, for the trail. */
    private void describe(Context ctx, Caller caller, String exportId) {
        var request = exports.request(caller, exportId);
        if (ctx.header(AuditHook.CASE_HEADER) == null) {
            AuditHook.caseReference(ctx, request.caseReference());
        }
        ExportScope scope = request.scope();
        AuditHook.subject(ctx, scope.roomId(), scope.sessionId(), scope.participantId());
    }

    static Map<String, Object> view(ExportStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exportId", s.exportId());
        m.put("state", s.state());
        m.put("caseReference", s.caseReference());
        m.put("requestedBy", s.requestedBy());
        m.put("createdAt", s.createdAt().toString());
        m.put("scope", s.scope());
        m.put("sessions", s.sessions());
        m.put(
                "progress",
                Map.of(
                        "bytesHashed",
                        s.bytesHashed(),
                        "bytesTotal",
                        s.bytesTotal(),
                        "percent",
                        s.bytesTotal() == 0
                                ? (s.state().equals(ExportStatus.READY) ? 100 : 0)
                                : Math.round(100.0 * s.bytesHashed() / s.bytesTotal())));
        if (s.state().equals(ExportStatus.READY)) {
            m.put(
                    "bundle",
                    Map.of(
                            "url",
                            "/api/exports/" + s.exportId() + "/bundle.tar",
                            "bytes",
                            s.bundleBytes(),
                            "files",
                            s.files(),
                            "manifestSha256",
                            s.manifestSha256(),
                            "keyId",
                            s.keyId(),
                            "manifestUrl",
                            "/api/exports/" + s.exportId() + "/bundle-manifest.json"));
            m.put("findings", s.findings());
        }
        if (s.error() != null) {
            m.put("error", s.error());
        }
        return m;
    }

    private static JsonNode body(Context ctx) {
        return JsonObjectBody.parse(
                ctx.body(),
                FIELDS,
                "an export",
                "{\"roomId\": \"r\", \"sessionId\": \"s\", \"caseReference\": \"CASE-1\"}");
    }

    /** The case reference from the body or the header; required, and remembered for the trail. */
    public static String caseReference(Context ctx, JsonNode body) {
        String reference =
                body != null && body.hasNonNull("caseReference")
                        ? body.get("caseReference").asText()
                        : ctx.header(AuditHook.CASE_HEADER);
        try {
            CaseReference.require(reference == null ? null : reference.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    e.getMessage()
                            + "; send it as \"caseReference\" or the "
                            + AuditHook.CASE_HEADER
                            + " header");
        }
        AuditHook.caseReference(ctx, reference.strip());
        return reference.strip();
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
