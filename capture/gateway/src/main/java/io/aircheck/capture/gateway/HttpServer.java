package io.aircheck.capture.gateway;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's Javalin (Jetty 12) server: routes, limits, and the one JSON error shape. */
final class HttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    /** Largest event body; events are small. */
    static final long MAX_EVENT_BYTES = 256 * 1024;

    static final Duration WS_IDLE_TIMEOUT = Duration.ofMinutes(2);

    private HttpServer() {}

    static Javalin start(
            CaptureConfig config, EventsController events, AudioSocket audio, OpsController ops) {
        // room for the frame's other fields, so that an oversized payload gets a polite refusal
        long maxWsMessage = config.maxFrameBytes() + 64L * 1024;
        Javalin app =
                Javalin.create(
                        cfg -> {
                            cfg.startup.showJavalinBanner = false;
                            cfg.startup.showOldJavalinVersionWarning = false;
                            cfg.jetty.host = config.host();
                            cfg.jetty.port = config.port();
                            cfg.http.maxRequestSize = MAX_EVENT_BYTES;
                            cfg.jetty.modifyWebSocketServletFactory(
                                    factory -> {
                                        factory.setMaxBinaryMessageSize(maxWsMessage);
                                        factory.setMaxTextMessageSize(64 * 1024);
                                        factory.setIdleTimeout(WS_IDLE_TIMEOUT);
                                    });
                            cfg.routes.post("/v1/events", events::post);
                            cfg.routes.wsBeforeUpgrade("/v1/audio", audio::beforeUpgrade);
                            cfg.routes.ws("/v1/audio", audio::configure);
                            cfg.routes.get("/health", ops::health);
                            cfg.routes.get("/metrics", ops::metrics);
                            cfg.routes.exception(
                                    HttpResponseException.class,
                                    (e, ctx) ->
                                            EventsController.respond(
                                                    ctx,
                                                    e.getStatus(),
                                                    JsonText.error(
                                                            codeOf(e.getStatus()),
                                                            e.getMessage())));
                            cfg.routes.exception(
                                    Exception.class,
                                    (e, ctx) -> {
                                        LOG.error("unexpected failure on {}", ctx.path(), e);
                                        EventsController.respond(
                                                ctx,
                                                500,
                                                JsonText.error(
                                                        "INTERNAL",
                                                        "the gateway failed unexpectedly; the failure is logged"));
                                    });
                            cfg.routes.error(
                                    404,
                                    ctx -> {
                                        if (ctx.result() == null || ctx.result().isEmpty()) {
                                            EventsController.respond(
                                                    ctx,
                                                    404,
                                                    JsonText.error(
                                                            "NOT_FOUND",
                                                            "no such endpoint: "
                                                                    + ctx.method()
                                                                    + " "
                                                                    + ctx.path()));
                                        }
                                    });
                        });
        return app.start();
    }

    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "MALFORMED";
            case 401 -> "UNAUTHORIZED";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "TOO_LARGE";
            default -> "HTTP_" + status;
        };
    }
}
