package io.aircheck.api.http;

import io.aircheck.api.ApiException;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.ObjectStoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface: routes to controllers, authentication before every API call, and one JSON error
 * shape for every failure (never a stack trace).
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private ApiServer() {}

    public record Controllers(
            Authentication authentication,
            RoomsController rooms,
            RecordingController recordings,
            WebPages pages) {}

    public static Javalin create(String host, int port, Controllers c) {
        return Javalin.create(
                config -> {
                    config.jetty.host = host;
                    config.jetty.port = port;
                    config.startup.showJavalinBanner = false;
                    config.routes.before("/api/*", c.authentication()::authenticate);
                    config.routes.get("/health", ctx -> ctx.json(java.util.Map.of("status", "up")));
                    config.routes.get("/api/rooms", c.rooms()::list);
                    config.routes.get("/api/rooms/{roomId}/sessions/{sessionId}", c.rooms()::get);
                    config.routes.get(
                            "/api/rooms/{roomId}/sessions/{sessionId}/recording.opus",
                            c.recordings()::serve);
                    config.routes.head(
                            "/api/rooms/{roomId}/sessions/{sessionId}/recording.opus",
                            c.recordings()::serve);
                    config.routes.get("/", c.pages()::index);
                    config.routes.get("/rooms/{roomId}/{sessionId}", c.pages()::replay);
                    config.routes.exception(
                            ApiException.class,
                            (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
                    config.routes.exception(
                            ObjectStoreException.class, (e, ctx) -> unavailable(ctx, "archive", e));
                    config.routes.exception(
                            IndexException.class, (e, ctx) -> unavailable(ctx, "index", e));
                    config.routes.exception(
                            Exception.class,
                            (e, ctx) -> {
                                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                                error(
                                        ctx,
                                        500,
                                        "internal",
                                        "the request failed on the server; it is logged");
                            });
                    config.routes.error(
                            404,
                            ctx -> {
                                String type = ctx.res().getContentType();
                                if (type == null || !type.contains("json")) {
                                    error(
                                            ctx,
                                            404,
                                            "not_found",
                                            "no such endpoint: " + ctx.method() + " " + ctx.path());
                                }
                            });
                    config.routes.error(
                            405,
                            ctx ->
                                    error(
                                            ctx,
                                            405,
                                            "method_not_allowed",
                                            ctx.method() + " is not allowed on " + ctx.path()));
                });
    }

    private static void unavailable(Context ctx, String what, RuntimeException e) {
        LOG.warn("{} unavailable for {} {}: {}", what, ctx.method(), ctx.path(), e.getMessage());
        error(
                ctx,
                503,
                what + "_unavailable",
                "the " + what + " is not answering; try again shortly");
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status);
        ctx.json(new ErrorBody(code, message));
    }
}
