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
            TranscriptController transcripts,
            SearchController search,
            AdminController admin,
            WebPages pages,
            io.aircheck.api.audit.ArchiveRoutes archive) {}

    private static final String SESSION = "/api/rooms/{roomId}/sessions/{sessionId}";

    public static Javalin create(String host, int port, Controllers c) {
        return Javalin.create(
                config -> {
                    config.jetty.host = host;
                    config.jetty.port = port;
                    config.startup.showJavalinBanner = false;
                    config.routes.before("/api/*", c.authentication()::authenticate);
                    c.archive().register(config.routes);
                    config.routes.get("/health", ctx -> ctx.json(java.util.Map.of("status", "up")));
                    config.routes.get("/openapi.json", c.pages()::openApi);
                    config.routes.get("/api/me", c.admin()::me);
                    config.routes.post("/api/admin/tokens", c.admin()::issueToken);
                    config.routes.get("/api/search", c.search()::search);
                    config.routes.get("/api/export", c.search()::export);
                    config.routes.get("/api/rooms", c.rooms()::list);
                    config.routes.get(SESSION, c.rooms()::get);
                    config.routes.get(SESSION + "/recording.opus", c.recordings()::opus);
                    config.routes.head(SESSION + "/recording.opus", c.recordings()::opus);
                    config.routes.get(SESSION + "/recording.m4a", c.recordings()::m4a);
                    config.routes.head(SESSION + "/recording.m4a", c.recordings()::m4a);
                    config.routes.get(SESSION + "/hls/{file}", c.recordings()::hlsFile);
                    config.routes.head(SESSION + "/hls/{file}", c.recordings()::hlsFile);
                    config.routes.get(SESSION + "/segments", c.transcripts()::segments);
                    config.routes.get(SESSION + "/transcript.vtt", c.transcripts()::vtt);
                    config.routes.get(SESSION + "/transcript.json", c.transcripts()::json);
                    config.routes.get(SESSION + "/timeline.json", c.transcripts()::timeline);
                    config.routes.get("/", c.pages()::index);
                    config.routes.get("/rooms/{roomId}/{sessionId}", c.pages()::replay);
                    config.routes.get("/assets/{file}", c.pages()::asset);
                    config.routes.exception(
                            ApiException.class,
                            (e, ctx) -> {
                                if (e.status() == 503) {
                                    ctx.header("Retry-After", "1");
                                }
                                error(ctx, e.status(), e.code(), e.getMessage());
                            });
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
