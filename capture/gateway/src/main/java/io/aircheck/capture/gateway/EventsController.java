package io.aircheck.capture.gateway;

import io.aircheck.capture.room.AcceptedEvent;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code POST /v1/events}: one room event in protobuf JSON form; HTTP in, {@link EventIngest}
 * behind.
 */
final class EventsController {
    static final String UNAUTHORIZED_MESSAGE =
            "missing or unknown ingest credential: send 'Authorization: Bearer <secret>'";

    private final CredentialStore credentials;
    private final EventIngest ingest;

    EventsController(CredentialStore credentials, EventIngest ingest) {
        this.credentials = credentials;
        this.ingest = ingest;
    }

    void post(Context ctx) {
        Optional<String> source =
                BearerToken.from(ctx.header("Authorization"), null).flatMap(credentials::sourceFor);
        if (source.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            respond(ctx, 401, JsonText.error("UNAUTHORIZED", UNAUTHORIZED_MESSAGE));
            return;
        }
        String origin = "http " + ctx.ip() + " source=" + source.get();
        EventOutcome outcome = ingest.ingest(ctx.bodyAsBytes(), source.get(), origin);
        if (outcome instanceof EventOutcome.Accepted a) {
            respond(ctx, 202, body(a.event(), false));
        } else if (outcome instanceof EventOutcome.Duplicate d) {
            respond(ctx, 200, body(d.original(), true));
        } else if (outcome instanceof EventOutcome.Rejected r) {
            respond(ctx, statusOf(r.code()), JsonText.error(r.code(), r.message()));
        } else if (outcome instanceof EventOutcome.Unavailable u) {
            respond(ctx, 503, JsonText.error("UNAVAILABLE", u.message()));
        }
    }

    static int statusOf(String rejectionCode) {
        return switch (rejectionCode) {
            case "UNKNOWN_ROOM" -> 404;
            case "CONFLICT" -> 409;
            case "TOO_LARGE" -> 413;
            default -> 400;
        };
    }

    private static String body(AcceptedEvent event, boolean duplicate) {
        return JsonText.of(
                "eventId", event.eventId(),
                "roomId", event.roomId(),
                "sessionId", event.sessionId(),
                "timestampUs", event.timestampUs(),
                "duplicate", duplicate ? Boolean.TRUE : null);
    }

    static void respond(Context ctx, int status, String json) {
        ctx.status(status).contentType("application/json").result(json);
    }
}
