package io.aircheck.capture.gateway;

import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.capture.room.TrackFormat;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.TrackPublished;
import io.aircheck.protocol.v1.TrackUnpublished;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Attaches raw PCM sockets to their tracks: a track already published must have the socket's
 * format; one not yet published is published by the gateway (a TrackPublished event in the log,
 * unpublished again when the socket closes). Either way the room's frames are now partly stamped by
 * the gateway, so the room gets CLOCK marks.
 */
final class PcmTracks {

    /** A socket may open for this track; {@code publishedHere}: the gateway published it. */
    record Attachment(PcmHandshake handshake, String sessionId, boolean publishedHere) {}

    /** Why a socket may not open: an HTTP status and the one error shape. */
    static final class Refusal extends Exception {
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private final RoomRegistry registry;
    private final EventIngest events;
    private final AudioConnections connections;

    PcmTracks(RoomRegistry registry, EventIngest events, AudioConnections connections) {
        this.registry = registry;
        this.events = events;
        this.connections = connections;
    }

    Attachment attach(PcmHandshake h, String source, String origin) throws Refusal {
        Object reservation = new Object();
        if (!connections.reservePcm(h.trackKey(), reservation)) {
            throw new Refusal(
                    409,
                    "CONFLICT",
                    "track '"
                            + h.trackId()
                            + "' of '"
                            + h.participantId()
                            + "' already has a PCM socket");
        }
        try {
            boolean published = ensurePublished(h, source, origin);
            String session = registry.openSession(h.roomId()).orElse("");
            registry.markGatewayClocked(h.roomId());
            return new Attachment(h, session, published);
        } catch (Refusal | RuntimeException e) {
            connections.releasePcm(h.trackKey(), reservation);
            throw e;
        }
    }

    /** Returns true when this attach published the track. */
    private boolean ensurePublished(PcmHandshake h, String source, String origin) throws Refusal {
        TrackFormat format =
                registry.trackFormat(h.roomId(), h.participantId(), h.trackId()).orElse(null);
        if (format != null) {
            if (format.rtp()
                    || format.codec() != Codec.PCM_S16LE
                    || format.sampleRate() != h.sampleRate()
                    || format.channels() != h.channels()) {
                throw new Refusal(
                        409,
                        "CONFLICT",
                        "track '"
                                + h.trackId()
                                + "' is published as "
                                + (format.rtp() ? "RTP " : "")
                                + format.codec()
                                + " "
                                + format.sampleRate()
                                + " Hz "
                                + format.channels()
                                + " ch; this socket says PCM_S16LE "
                                + h.sampleRate()
                                + " Hz "
                                + h.channels()
                                + " ch");
            }
            return false;
        }
        RoomEvent publish =
                RoomEvent.newBuilder()
                        .setEventId("pcm-" + UUID.randomUUID())
                        .setRoomId(h.roomId())
                        .setTrackPublished(
                                TrackPublished.newBuilder()
                                        .setParticipantId(h.participantId())
                                        .setTrackId(h.trackId())
                                        .setCodec(Codec.PCM_S16LE)
                                        .setSampleRate(h.sampleRate())
                                        .setChannels(h.channels()))
                        .build();
        EventOutcome outcome = events.ingest(publish, bytes(publish), source, origin);
        if (outcome instanceof EventOutcome.Rejected r) {
            throw new Refusal(EventsController.statusOf(r.code()), r.code(), r.message());
        }
        if (outcome instanceof EventOutcome.Unavailable u) {
            throw new Refusal(503, "UNAVAILABLE", u.message());
        }
        return true;
    }

    /** Unpublishes a track the gateway published for a socket that closed, if still published. */
    void unpublish(PcmHandshake h, String source, String origin) {
        if (registry.trackFormat(h.roomId(), h.participantId(), h.trackId()).isEmpty()) {
            return;
        }
        RoomEvent unpublish =
                RoomEvent.newBuilder()
                        .setEventId("pcm-" + UUID.randomUUID())
                        .setRoomId(h.roomId())
                        .setTrackUnpublished(
                                TrackUnpublished.newBuilder()
                                        .setParticipantId(h.participantId())
                                        .setTrackId(h.trackId()))
                        .build();
        events.ingest(unpublish, bytes(unpublish), source, origin);
    }

    private static byte[] bytes(RoomEvent event) {
        return WireFormat.toJson(event).getBytes(StandardCharsets.UTF_8);
    }
}
