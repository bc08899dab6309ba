package io.aircheck.capture.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.capture.room.RtpBinding;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RtpSource;
import io.aircheck.protocol.v1.TrackPublished;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /v1/rooms/{roomId}/rtp-bindings}: binds an RTP/Opus stream to a participant's track,
 * which publishes the track (a TrackPublished event with the binding, so a restarted gateway binds
 * it again from the log) and answers the UDP port to send to. {@code GET} lists a room's bindings
 * with what each stream did so far. HTTP only; {@link EventIngest} decides.
 */
final class RtpBindingsController {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The request body. */
    record BindRequest(
            String participantId,
            String trackId,
            Long ssrc,
            Integer port,
            Integer payloadType,
            Integer channels,
            String eventId) {}

    private final CredentialStore credentials;
    private final EventIngest events;
    private final RoomRegistry registry;
    private final RtpIngest rtp;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final String host;

    RtpBindingsController(
            CredentialStore credentials,
            EventIngest events,
            RoomRegistry registry,
            RtpIngest rtp,
            DeadLetters deadLetters,
            IngestMetrics metrics,
            String host) {
        this.credentials = credentials;
        this.events = events;
        this.registry = registry;
        this.rtp = rtp;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.host = host;
    }

    void bind(Context ctx) {
        Optional<String> source = authenticate(ctx);
        if (source.isEmpty()) {
            return;
        }
        String roomId = ctx.pathParam("roomId");
        String origin = "http " + ctx.ip() + " source=" + source.get();
        BindRequest request;
        try {
            request = JSON.readValue(ctx.bodyAsBytes(), BindRequest.class);
        } catch (Exception e) {
            refuse(ctx, roomId, "MALFORMED", "not a binding: " + firstLine(e.getMessage()), origin);
            return;
        }
        String problem = check(request);
        if (problem != null) {
            refuse(ctx, roomId, "INVALID", problem, origin);
            return;
        }
        RtpSource.Builder binding =
                RtpSource.newBuilder()
                        .setPort(request.port() == null ? 0 : request.port())
                        .setPayloadType(request.payloadType() == null ? 0 : request.payloadType());
        if (request.ssrc() != null) {
            binding.setSsrc((int) (long) request.ssrc());
        }
        RoomEvent event =
                RoomEvent.newBuilder()
                        .setEventId(
                                request.eventId() == null
                                        ? "rtp-" + UUID.randomUUID()
                                        : request.eventId())
                        .setRoomId(roomId)
                        .setTrackPublished(
                                TrackPublished.newBuilder()
                                        .setParticipantId(nonNull(request.participantId()))
                                        .setTrackId(nonNull(request.trackId()))
                                        .setCodec(Codec.OPUS)
                                        .setSampleRate(48_000)
                                        .setChannels(
                                                request.channels() == null ? 1 : request.channels())
                                        .setRtp(binding))
                        .build();
        EventOutcome outcome =
                events.ingest(
                        event,
                        WireFormat.toJson(event).getBytes(StandardCharsets.UTF_8),
                        source.get(),
                        origin);
        if (outcome instanceof EventOutcome.Accepted || outcome instanceof EventOutcome.Duplicate) {
            Optional<RtpBinding> bound =
                    registry.rtpBindings().stream()
                            .filter(
                                    b ->
                                            b.roomId().equals(roomId)
                                                    && b.participantId()
                                                            .equals(request.participantId())
                                                    && b.trackId().equals(request.trackId()))
                            .findFirst();
            if (bound.isEmpty()) {
                EventsController.respond(
                        ctx,
                        409,
                        JsonText.error(
                                "CONFLICT", "the track was published but is no longer bound"));
                return;
            }
            int status = outcome instanceof EventOutcome.Accepted ? 201 : 200;
            EventsController.respond(ctx, status, describe(bound.get(), event.getEventId()));
        } else if (outcome instanceof EventOutcome.Rejected r) {
            EventsController.respond(
                    ctx,
                    EventsController.statusOf(r.code()),
                    JsonText.error(r.code(), r.message()));
        } else if (outcome instanceof EventOutcome.Unavailable u) {
            EventsController.respond(ctx, 503, JsonText.error("UNAVAILABLE", u.message()));
        }
    }

    void list(Context ctx) {
        if (authenticate(ctx).isEmpty()) {
            return;
        }
        String roomId = ctx.pathParam("roomId");
        List<Map<String, Object>> bindings = new ArrayList<>();
        for (RtpTrack track : rtp.tracks()) {
            if (track.binding.roomId().equals(roomId)) {
                bindings.add(stats(track));
            }
        }
        bindings.sort(
                (a, b) ->
                        String.valueOf(a.get("participantId"))
                                .compareTo(String.valueOf(b.get("participantId"))));
        EventsController.respond(ctx, 200, JsonText.of("roomId", roomId, "bindings", bindings));
    }

    private Map<String, Object> stats(RtpTrack track) {
        Map<String, Object> out = new LinkedHashMap<>();
        RtpBinding b = track.binding;
        out.put("participantId", b.participantId());
        out.put("trackId", b.trackId());
        out.put("port", b.port());
        out.put("ssrc", b.ssrc());
        synchronized (track) {
            out.put(
                    "currentSsrc",
                    track.stream.currentSsrc() < 0 ? null : track.stream.currentSsrc());
            out.put("payloadType", track.stream.payloadType());
            out.put("packets", track.packets);
            out.put("framesWritten", track.written);
            out.put("lost", track.stream.lostCount());
            out.put("duplicates", track.duplicates);
            out.put("late", track.late);
            out.put("refused", track.refused);
            out.put("droppedBackpressure", track.dropped);
            out.put("waiting", track.stream.waitingCount() + track.outbox.size());
            out.put("ssrcChanges", track.stream.ssrcChanges());
            out.put("clockCorrections", track.stream.clockCorrections());
        }
        out.put("lastPacketUs", track.lastPacketUs == 0 ? null : track.lastPacketUs);
        return out;
    }

    private String describe(RtpBinding b, String eventId) {
        return JsonText.of(
                "roomId", b.roomId(),
                "sessionId", b.sessionId(),
                "participantId", b.participantId(),
                "trackId", b.trackId(),
                "host", host,
                "port", b.port(),
                "ssrc", b.ssrc(),
                "payloadType", b.payloadType() == 0 ? null : b.payloadType(),
                "channels", b.channels(),
                "eventId", eventId);
    }

    /** A body that never became an event: refused, counted and dead-lettered like one. */
    private void refuse(Context ctx, String roomId, String code, String message, String origin) {
        metrics.rejected(Topics.ROOM_EVENTS, code);
        deadLetters.write(
                Topics.ROOM_EVENTS,
                io.aircheck.protocol.Ids.isValid(roomId) ? roomId : null,
                ctx.bodyAsBytes(),
                message,
                origin);
        EventsController.respond(ctx, 400, JsonText.error(code, message));
    }

    private Optional<String> authenticate(Context ctx) {
        Optional<String> source =
                BearerToken.from(ctx.header("Authorization"), null).flatMap(credentials::sourceFor);
        if (source.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            EventsController.respond(
                    ctx,
                    401,
                    JsonText.error("UNAUTHORIZED", EventsController.UNAUTHORIZED_MESSAGE));
        }
        return source;
    }

    private static String check(BindRequest r) {
        if (r.ssrc() != null && (r.ssrc() < 0 || r.ssrc() > 0xffffffffL)) {
            return "ssrc must be 0-4294967295, got " + r.ssrc();
        }
        if (r.port() != null && (r.port() < 0 || r.port() > 65535)) {
            return "port must be 0-65535, got " + r.port();
        }
        if (r.payloadType() != null && (r.payloadType() < 0 || r.payloadType() > 127)) {
            return "payloadType must be 96-127 (or 0: the first packet's), got " + r.payloadType();
        }
        if (r.channels() != null && (r.channels() < 1 || r.channels() > 2)) {
            return "channels must be 1 or 2, got " + r.channels();
        }
        return null;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
