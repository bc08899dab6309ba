package io.aircheck.api.audit;

import io.aircheck.api.ApiException;
import io.aircheck.api.access.Caller;
import io.aircheck.api.access.SignedTokens;
import io.aircheck.api.http.Authentication;
import io.aircheck.storage.audit.AuditLog;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Puts every API request on the audit trail, once: an after-handler on {@code /api/*} records what
 * the request was and how it ended ({@link AuditedRequest}), without holding the response up.
 * Controllers whose action must not happen unrecorded (exports, legal holds, audit queries) call
 * {@link #recordNow} before acting: it waits for the broker, answers 503 if the event cannot be
 * recorded, and marks the request so the after-handler does not record it again (unless the action
 * then fails, which it records as a second, failed event).
 */
public final class AuditHook {
    static final String AUDITED = "aircheck.audit.recorded";
    static final String CASE = "aircheck.audit.case";
    public static final String CASE_HEADER = "X-Case-Reference";

    private final KafkaAuditLog log;
    private final Clock clock;

    public AuditHook(KafkaAuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** The after-handler. */
    public void after(Context ctx) {
        Integer recordedAs = ctx.attribute(AUDITED);
        int status = ctx.statusCode();
        if (recordedAs != null && (status < 400 || recordedAs >= 400)) {
            return;
        }
        String detail = recordedAs == null ? null : "failed after it was recorded as started";
        log.recordLater(request(ctx, status, detail).toRecord());
    }

    /**
     * Records the request now, as about to succeed with {@code status}, before the controller acts.
     *
     * @throws ApiException 503 when the audit trail cannot take it (the action must not happen)
     */
    public void recordNow(Context ctx, int status, String detail) {
        try {
            log.record(request(ctx, status, detail).toRecord());
        } catch (AuditLog.AuditLogException e) {
            throw new ApiException(
                    503,
                    "audit_unavailable",
                    "the audit trail cannot record this request right now, so it is refused; try again shortly");
        }
        ctx.attribute(AUDITED, status);
    }

    static final String SUBJECT = "aircheck.audit.subject";

    /** Remembers what the request is about when its path does not say (an export, a hold). */
    public static void subject(Context ctx, String roomId, String sessionId, String participantId) {
        ctx.attribute(SUBJECT, new String[] {roomId, sessionId, participantId});
    }

    /** Remembers the case reference a controller validated (from the body), for the record. */
    public static void caseReference(Context ctx, String reference) {
        ctx.attribute(CASE, reference);
    }

    AuditedRequest request(Context ctx, int status, String detail) {
        Caller caller = Authentication.caller(ctx);
        String presented = presented(ctx);
        String credential;
        if (presented == null) {
            credential = "anonymous";
        } else if (caller.anonymous()) {
            credential = "invalid";
        } else {
            credential = SignedTokens.looksLikeToken(presented) ? "token" : "key";
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        Map<String, String> query = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        String caseReference = ctx.attribute(CASE);
        if (caseReference == null) {
            caseReference = ctx.header(CASE_HEADER) == null ? "" : ctx.header(CASE_HEADER).strip();
        }
        String[] subject = ctx.attribute(SUBJECT);
        Map<String, String> about = new LinkedHashMap<>();
        if (subject != null) {
            about.put("roomId", subject[0] == null ? "" : subject[0]);
            about.put("sessionId", subject[1] == null ? "" : subject[1]);
            about.put("participantId", subject[2] == null ? "" : subject[2]);
        }
        String forwarded = ctx.header("X-Forwarded-For");
        return new AuditedRequest(
                clock.millis(),
                ctx.method().name().toUpperCase(Locale.ROOT),
                endpoint == null ? null : endpoint.path,
                ctx.path(),
                query,
                status,
                presented != null && caller.anonymous() ? "unidentified" : caller.name(),
                caller.role().name().toLowerCase(Locale.ROOT),
                credential,
                truncate(caseReference, 128),
                ctx.ip()
                        + (forwarded == null || forwarded.isBlank()
                                ? ""
                                : " (forwarded for " + truncate(forwarded, 200) + ")"),
                truncate(ctx.userAgent() == null ? "" : ctx.userAgent(), 256),
                "search-api@" + ctx.req().getLocalAddr() + ":" + ctx.req().getLocalPort(),
                detail,
                about);
    }

    private static String presented(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && !header.isBlank()) {
            return header.length() > 7 ? header.substring(7).trim() : header;
        }
        String token = ctx.queryParam("access_token");
        return token == null || token.isBlank() ? null : token;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
