package io.aircheck.capture.gateway;

import io.aircheck.capture.room.RoomRegistry;
import io.javalin.http.Context;
import java.util.function.Supplier;

/** {@code GET /health} and {@code GET /metrics}: what an operator watches. */
final class OpsController {
    /** Null when Kafka answers, else what went wrong. */
    private final Supplier<String> kafkaProblem;

    private final RoomRegistry registry;
    private final IngestMetrics metrics;
    private final AudioSocket audio;

    OpsController(
            Supplier<String> kafkaProblem,
            RoomRegistry registry,
            IngestMetrics metrics,
            AudioSocket audio) {
        this.kafkaProblem = kafkaProblem;
        this.registry = registry;
        this.metrics = metrics;
        this.audio = audio;
    }

    void health(Context ctx) {
        String problem = kafkaProblem.get();
        boolean up = problem == null;
        EventsController.respond(
                ctx,
                up ? 200 : 503,
                JsonText.of(
                        "status",
                        up ? "UP" : "DOWN",
                        "kafka",
                        up ? "reachable" : "unreachable: " + problem,
                        "roomsOpen",
                        registry.openRoomCount(),
                        "audioConnections",
                        audio.connectionCount()));
    }

    void metrics(Context ctx) {
        ctx.status(200)
                .contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.prometheusText());
    }
}
