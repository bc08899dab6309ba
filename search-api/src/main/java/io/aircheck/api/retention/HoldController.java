package io.aircheck.api.retention;

import com.fasterxml.jackson.databind.JsonNode;
import io.aircheck.api.ApiException;
import io.aircheck.api.JsonObjectBody;
import io.aircheck.api.access.AccessPolicy;
import io.aircheck.api.access.Action;
import io.aircheck.api.access.Caller;
import io.aircheck.api.audit.AuditHook;
import io.aircheck.api.audit.StrictParams;
import io.aircheck.api.export.ExportController;
import io.aircheck.api.http.Authentication;
import io.aircheck.protocol.Ids;
import io.aircheck.storage.retention.LegalHold;
import io.aircheck.storage.retention.LegalHolds;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Legal holds, for auditors and admins. {@code GET /api/holds}: every hold (active and released)
 * and which protection is active (S3 Object Lock, or aircheck's own when the server has none).
 * {@code POST /api/holds} with {@code {"roomId", "sessionId"}} or {@code {"participantId",
 * "roomId"?}}, a case reference and a reason: 201, the hold and how many objects it covers now.
 * {@code DELETE /api/holds/{holdId}} (with a case reference): releases it; the record stays.
 */
public final class HoldController {
    private static final Set<String> FIELDS =
            Set.of("roomId", "sessionId", "participantId", "caseReference", "reason");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private final LegalHolds holds;
    private final AuditHook audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public HoldController(LegalHolds holds, AuditHook audit, Clock clock) {
        this.holds = holds;
        this.audit = audit;
        this.clock = clock;
    }

    public void list(Context ctx) {
        AccessPolicy.require(Authentication.caller(ctx), Action.LEGAL_HOLD);
        new StrictParams(ctx, Set.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enforcement", holds.enforcement().description());
        body.put("objectLock", holds.enforcement().objectLock());
        body.put("holds", holds.all().holds().stream().map(HoldController::view).toList());
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    public void place(Context ctx) {
        Caller caller = Authentication.caller(ctx);
        AccessPolicy.require(caller, Action.LEGAL_HOLD);
        new StrictParams(ctx, Set.of());
        JsonNode body = body(ctx);
        String caseReference = ExportController.caseReference(ctx, body);
        String reason = text(body, "reason") == null ? "" : text(body, "reason");
        if (reason.length() > 500 || reason.chars().anyMatch(c -> c < 0x20)) {
            throw ApiException.badRequest("the reason is one line of at most 500 characters");
        }
        byte[] rand = new byte[3];
        random.nextBytes(rand);
        String holdId =
                "h" + ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(rand);
        LegalHold hold;
        try {
            hold =
                    body.hasNonNull("participantId")
                            ? LegalHold.onParticipant(
                                    holdId,
                                    caseReference,
                                    text(body, "participantId"),
                                    text(body, "roomId"),
                                    reason,
                                    caller.name(),
                                    clock.instant())
                            : LegalHold.onSession(
                                    holdId,
                                    caseReference,
                                    text(body, "roomId"),
                                    text(body, "sessionId"),
                                    reason,
                                    caller.name(),
                                    clock.instant());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    e.getMessage()
                            + "; hold {\"roomId\", \"sessionId\"} or {\"participantId\", \"roomId\"?}");
        }
        audit.recordNow(
                ctx, 201, "place " + hold.describe() + (reason.isEmpty() ? "" : ": " + reason));
        List<String> covered = holds.place(hold);
        Map<String, Object> answer = view(hold);
        answer.put("objectsCovered", covered.size());
        answer.put("enforcement", holds.enforcement().description());
        ctx.status(201);
        ctx.json(answer);
    }

    public void release(Context ctx) {
        Caller caller = Authentication.caller(ctx);
        AccessPolicy.require(caller, Action.LEGAL_HOLD);
        new StrictParams(ctx, Set.of());
        String holdId = ctx.pathParam("holdId");
        ExportController.caseReference(ctx, null);
        LegalHold hold = Ids.isValid(holdId) ? holds.get(holdId).orElse(null) : null;
        if (hold == null) {
            throw ApiException.notFound("no legal hold '" + holdId + "'");
        }
        if (!hold.active()) {
            throw new ApiException(
                    409,
                    "released_already",
                    hold.describe()
                            + " was released by "
                            + hold.releasedBy()
                            + " at "
                            + hold.releasedAt());
        }
        audit.recordNow(ctx, 200, "release " + hold.describe());
        ctx.json(view(holds.release(holdId, caller.name(), clock.instant())));
    }

    static Map<String, Object> view(LegalHold h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("holdId", h.holdId());
        m.put("caseReference", h.caseReference());
        m.put("scope", h.scope());
        m.put("roomId", h.roomId());
        m.put("sessionId", h.sessionId());
        m.put("participantId", h.participantId());
        m.put("reason", h.reason());
        m.put("placedBy", h.placedBy());
        m.put("placedAt", h.placedAt().toString());
        m.put("active", h.active());
        m.put("releasedBy", h.releasedBy());
        m.put("releasedAt", h.releasedAt() == null ? null : h.releasedAt().toString());
        return m;
    }

    private static JsonNode body(Context ctx) {
        return JsonObjectBody.parse(
                ctx.body(),
                FIELDS,
                "a hold",
                "{\"roomId\": \"r\", \"sessionId\": \"s\", \"caseReference\": \"CASE-1\", \"reason\": \"...\"}");
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
