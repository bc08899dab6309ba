package io.aircheck.capture.gateway;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's Javalin (Jetty 12) server: routes, limits, the one JSON error shape, and the audio
 * WebSockets as a Jetty servlet of their own (they read on demand, which Javalin's WebSockets
 * cannot).
 */
final class HttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    /** Largest event body; events are small. */
    static final long MAX_EVENT_BYTES = 256 * 1024;

    private HttpServer() {}

    static Javalin start(
            CaptureConfig config,
            EventsController events,
            RtpBindingsController bindings,
            AudioSocketServlet audio,
            OpsController ops) {
        Javalin app =
                Javalin.create(
                        cfg -> {
                            cfg.startup.showJavalinBanner = false;
                            cfg.startup.showOldJavalinVersionWarning = false;
                            cfg.jetty.host = config.host();
                            cfg.jetty.port = config.port();
                            cfg.http.maxRequestSize = MAX_EVENT_BYTES;
                            cfg.jetty.modifyServletContextHandler(
                                    handler -> {
                                        JettyWebSocketServletContainerInitializer.configure(
                                                handler, null);
                                        ServletHolder holder = new ServletHolder("audio", audio);
                                        handler.addServlet(holder, AudioSocketServlet.FRAMES_PATH);
                                        handler.addServlet(holder, AudioSocketServlet.PCM_PATH);
                                    });
                            cfg.routes.post("/v1/events", events::post);
                            cfg.routes.post("/v1/rooms/{roomId}/rtp-bindings", bindings::bind);
                            cfg.routes.get("/v1/rooms/{roomId}/rtp-bindings", bindings::list);
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
