package io.aircheck.capture.gateway;

import io.aircheck.capture.room.RoomRegistry;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health} and {@code GET /metrics}: what an operator watches. Health is DOWN (503) when
 * Kafka does not answer, DEGRADED (200) when the log is behind (audio sources are being pushed
 * back, RTP may be dropped) or a credentials file did not load, else UP; it says what was dropped.
 */
final class OpsController {
    /** The log has not completed a write for this long: DEGRADED. */
    static final long STALLED_NANOS = 2_000_000_000L;

    /** Null when Kafka answers, else what went wrong. */
    private final Supplier<String> kafkaProblem;

    private final RoomRegistry registry;
    private final IngestMetrics metrics;
    private final AudioConnections audio;
    private final WriteBudget budget;
    private final RtpIngest rtp;
    private final CredentialStore credentials;
    private final KernelUdpDrops kernelDrops;

    OpsController(
            Supplier<String> kafkaProblem,
            RoomRegistry registry,
            IngestMetrics metrics,
            AudioConnections audio,
            WriteBudget budget,
            RtpIngest rtp,
            CredentialStore credentials,
            KernelUdpDrops kernelDrops) {
        this.kafkaProblem = kafkaProblem;
        this.registry = registry;
        this.metrics = metrics;
        this.audio = audio;
        this.budget = budget;
        this.rtp = rtp;
        this.credentials = credentials;
        this.kernelDrops = kernelDrops;
    }

    void health(Context ctx) {
        String problem = kafkaProblem.get();
        boolean up = problem == null;
        boolean behind =
                budget.nearlyFull()
                        || budget.stalledNanos() > STALLED_NANOS
                        || audio.pausedCount() > 0;
        String status = !up ? "DOWN" : behind || credentials.problem() != null ? "DEGRADED" : "UP";
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("inFlightBytes", budget.inFlightBytes());
        log.put("budgetBytes", budget.capacityBytes());
        log.put("stalledMs", budget.stalledNanos() / 1_000_000);
        log.put("behind", behind);
        Map<String, Object> rtpState = new LinkedHashMap<>();
        rtpState.put("bindings", registry.rtpBindings().size());
        rtpState.put("framesWaiting", rtp.waitingFrames());
        rtpState.put("packets", metrics.series(IngestMetrics.RTP_PACKETS));
        long dropped = kernelDrops.total();
        rtpState.put("kernelDrops", dropped < 0 ? null : dropped);
        EventsController.respond(
                ctx,
                up ? 200 : 503,
                JsonText.of(
                        "status", status,
                        "kafka", up ? "reachable" : "unreachable: " + problem,
                        "roomsOpen", registry.openRoomCount(),
                        "audioConnections", audio.count(),
                        "audioConnectionsPaused", audio.pausedCount(),
                        "log", log,
                        "rtp", rtpState,
                        "dropped", metrics.series(IngestMetrics.DROPPED),
                        "writeFailures", metrics.series(IngestMetrics.WRITE_FAILURES),
                        "deadLettersSuppressed", metrics.series(IngestMetrics.SUPPRESSED),
                        "credentials",
                                credentials.problem() == null ? "ok" : credentials.problem()));
    }

    void metrics(Context ctx) {
        ctx.status(200)
                .contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.prometheusText());
    }
}
