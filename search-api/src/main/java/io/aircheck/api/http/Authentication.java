package io.aircheck.api.http;

import io.aircheck.api.ApiException;
import io.aircheck.api.access.Caller;
import io.aircheck.api.access.Credentials;
import io.javalin.http.Context;

/**
 * Resolves the caller of a request from its {@code Authorization: Bearer <key or token>} header (or
 * an {@code access_token} query parameter, for media elements that cannot set headers). No key: an
 * anonymous listener if the operator allows anonymous access, else 401. A key that matches nothing:
 * always 401.
 */
public final class Authentication {
    static final String CALLER = "caller";

    private final Credentials keys;
    private final boolean anonymousAllowed;

    public Authentication(Credentials keys, boolean anonymousAllowed) {
        this.keys = keys;
        this.anonymousAllowed = anonymousAllowed;
    }

    public void authenticate(Context ctx) {
        String secret = presented(ctx);
        Caller caller;
        if (secret == null) {
            if (!anonymousAllowed) {
                throw ApiException.unauthorized(
                        "an API key is required: send 'Authorization: Bearer <key>'");
            }
            caller = Caller.ANONYMOUS;
        } else {
            caller =
                    keys.identify(secret)
                            .orElseThrow(
                                    () ->
                                            ApiException.unauthorized(
                                                    "the API key or token is not valid (or has expired)"));
        }
        ctx.attribute(CALLER, caller);
    }

    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        return caller == null ? Caller.ANONYMOUS : caller;
    }

    private static String presented(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && !header.isBlank()) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ApiException.unauthorized("the Authorization header must be 'Bearer <key>'");
            }
            return header.substring(7).trim();
        }
        String token = ctx.queryParam("access_token");
        return token == null || token.isBlank() ? null : token;
    }
}
