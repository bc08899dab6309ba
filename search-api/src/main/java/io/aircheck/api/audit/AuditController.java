package io.aircheck.api.audit;

import io.aircheck.api.ApiException;
import io.aircheck.api.access.AccessPolicy;
import io.aircheck.api.access.Action;
import io.aircheck.api.http.Authentication;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.audit.AuditArchive;
import io.aircheck.storage.audit.AuditIndex;
import io.aircheck.storage.audit.AuditPage;
import io.aircheck.storage.audit.AuditQuery;
import io.aircheck.storage.audit.AuditRecord;
import io.aircheck.storage.audit.AuditVerification;
import io.aircheck.storage.audit.IndexedAudit;
import io.aircheck.storage.export.SigningKeys;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit trail for auditors and admins. {@code GET /api/audit}: archived entries, newest first,
 * filtered by actor, action, outcome, room, session, participant, case reference and a time range
 * ({@code since}, {@code until}), a page at a time ({@code size}, {@code cursor}; the next page's
 * cursor is in {@code next}). {@code GET /api/audit/verify}: checks the archived, hash-chained
 * batches (and, with the operator's key, their signatures) and says exactly what is wrong.
 */
public final class AuditController {
    private static final Set<String> QUERY =
            Set.of(
                    "actor",
                    "action",
                    "outcome",
                    "room",
                    "session",
                    "participant",
                    "case",
                    "since",
                    "until",
                    "cursor",
                    "size");
    private static final Set<String> ACTIONS =
            Set.of(
                    "search",
                    "play",
                    "download",
                    "export",
                    "delete",
                    "role_change",
                    "read",
                    "legal_hold",
                    "audit_query");

    private final AuditIndex index;
    private final ObjectStore store;
    private final SigningKeys.Verifier key;
    private final AuditHook hook;

    /** {@code key} may be null: then the trail's signatures are not checked. */
    public AuditController(
            AuditIndex index, ObjectStore store, SigningKeys.Verifier key, AuditHook hook) {
        this.index = index;
        this.store = store;
        this.key = key;
        this.hook = hook;
    }

    public void query(Context ctx) {
        AccessPolicy.require(Authentication.caller(ctx), Action.READ_AUDIT_TRAIL);
        StrictParams p = new StrictParams(ctx, QUERY);
        AuditQuery query;
        try {
            query =
                    new AuditQuery(
                            p.text("actor"),
                            p.oneOf("action", ACTIONS),
                            p.oneOf("outcome", Set.of("ok", "denied", "failed")),
                            p.id("room"),
                            p.id("session"),
                            p.id("participant"),
                            p.text("case"),
                            p.instant("since"),
                            p.instant("until"),
                            p.text("cursor") == null
                                    ? null
                                    : AuditQuery.Cursor.decode(p.text("cursor")),
                            p.intOr("size", AuditQuery.DEFAULT_SIZE, 1, AuditQuery.MAX_SIZE));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        hook.recordNow(ctx, 200, null);
        AuditPage page = index.search(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(AuditController::view).toList());
        body.put("next", page.next().map(AuditQuery.Cursor::encode).orElse(null));
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    public void verify(Context ctx) {
        AccessPolicy.require(Authentication.caller(ctx), Action.READ_AUDIT_TRAIL);
        new StrictParams(ctx, Set.of());
        hook.recordNow(ctx, 200, "verify the archived audit trail");
        AuditVerification v = AuditArchive.verify(store, key);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", v.ok());
        body.put("batches", v.batches());
        body.put("entries", v.entries());
        body.put("signaturesChecked", v.signaturesChecked());
        body.put("keyId", key == null ? null : key.keyId());
        body.put(
                "problems",
                v.problems().stream()
                        .map(pr -> Map.of("object", pr.object(), "what", pr.what()))
                        .toList());
        body.put("notes", v.notes());
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    static Map<String, Object> view(IndexedAudit e) {
        AuditRecord r = e.record();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", r.eventId());
        m.put("at", java.time.Instant.ofEpochMilli(r.atMs()).toString());
        m.put("actor", r.actor());
        m.put("actorRole", r.actorRole());
        m.put("credential", r.credential());
        m.put("action", r.action());
        m.put("outcome", r.outcome());
        m.put("status", r.status());
        m.put("caseReference", r.caseReference());
        m.put("origin", r.origin());
        m.put("service", r.service());
        m.put("roomId", r.roomId());
        m.put("sessionId", r.sessionId());
        m.put("participantId", r.participantId());
        m.put("resource", r.resource());
        m.put("detail", r.detail());
        m.put("userAgent", r.userAgent());
        m.put("log", Map.of("partition", e.partition(), "offset", e.offset()));
        m.put("batch", io.aircheck.storage.audit.AuditChain.batchKey(e.batch()));
        return m;
    }

    static List<String> actions() {
        return ACTIONS.stream().sorted().toList();
    }
}
