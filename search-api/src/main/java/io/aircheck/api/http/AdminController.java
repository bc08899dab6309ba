package io.aircheck.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.aircheck.api.ApiException;
import io.aircheck.api.JsonObjectBody;
import io.aircheck.api.access.AccessPolicy;
import io.aircheck.api.access.Action;
import io.aircheck.api.access.Caller;
import io.aircheck.api.access.Credentials;
import io.aircheck.api.access.Role;
import io.aircheck.api.access.SignedTokens;
import io.aircheck.config.Setting;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/me}: who the caller is and what it may do. {@code POST /api/admin/tokens}
 * (admins): issues a signed token, body {@code {"name": "...", "role": "researcher", "ttl":
 * "30d"}}.
 */
public final class AdminController {
    private static final Setting<Duration> TTL = Setting.duration("ttl", "30d", "token lifetime");
    private static final Set<String> TOKEN_FIELDS = Set.of("name", "role", "ttl");

    private final Credentials credentials;
    private final boolean anonymousAllowed;

    public AdminController(Credentials credentials, boolean anonymousAllowed) {
        this.credentials = credentials;
        this.anonymousAllowed = anonymousAllowed;
    }

    public void me(Context ctx) {
        new Params(ctx, Set.of("access_token"));
        Caller caller = Authentication.caller(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", caller.name());
        body.put("role", caller.role().name().toLowerCase(Locale.ROOT));
        body.put("anonymous", caller.anonymous());
        body.put(
                "may",
                java.util.Arrays.stream(Action.values())
                        .filter(a -> AccessPolicy.allows(caller.role(), a))
                        .map(a -> a.name().toLowerCase(Locale.ROOT))
                        .toList());
        body.put("anonymousAllowed", anonymousAllowed);
        ctx.json(body);
    }

    public void issueToken(Context ctx) {
        new Params(ctx, Set.of("access_token"));
        AccessPolicy.require(Authentication.caller(ctx), Action.ISSUE_TOKENS);
        SignedTokens tokens =
                credentials
                        .tokens()
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                409,
                                                "tokens_disabled",
                                                "this search-api signs no tokens: set AIRCHECK_API_TOKEN_SECRET (32+ characters) to enable them"));
        JsonNode body =
                JsonObjectBody.parse(
                        ctx.body(),
                        TOKEN_FIELDS,
                        "a token",
                        "{\"name\": \"ana\", \"role\": \"researcher\", \"ttl\": \"30d\"}");
        Role role;
        try {
            role = Role.valueOf(body.path("role").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "role must be listener, researcher, auditor or admin, not '"
                            + body.path("role").asText("")
                            + "'");
        }
        try {
            Duration ttl = TTL.parser().apply(body.path("ttl").asText("30d"));
            SignedTokens.Issued issued = tokens.issue(body.path("name").asText(""), role, ttl);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("token", issued.token());
            answer.put("name", issued.name());
            answer.put("role", issued.role().name().toLowerCase(Locale.ROOT));
            answer.put("expiresAt", issued.expiresAt().toString());
            answer.put("id", issued.id());
            ctx.status(201).json(answer);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
