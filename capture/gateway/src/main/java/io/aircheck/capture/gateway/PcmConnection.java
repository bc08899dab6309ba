package io.aircheck.capture.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.UnsafeByteOperations;
import io.aircheck.capture.room.Rejection;
import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.capture.stream.PcmTrackStamper;
import io.aircheck.capture.stream.StampedFrame;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * {@code /v1/audio/pcm}: raw PCM s16le of one track, as LiveKit's track egress sends it: binary
 * messages of any size, and text messages {@code {"muted":true|false}}. The gateway stamps each
 * piece on the room clock ({@link PcmTrackStamper}) and numbers it. When the track ends (the
 * participant leaves, the room closes) the socket is closed; when the socket closes, a track it
 * published is unpublished.
 */
public final class PcmConnection extends AudioConnection {
    private static final ObjectMapper JSON = new ObjectMapper();

    final PcmHandshake handshake;
    private final boolean publishedHere;
    private final RoomRegistry registry;
    private final PcmTracks tracks;
    private final LongSupplier clockUs;
    private final PcmTrackStamper stamper;
    private final String sessionId;
    private long sequenceBase = -1;
    private volatile boolean ended;

    PcmConnection(
            AudioConnections connections,
            FrameIngest frames,
            String source,
            PcmTracks.Attachment attachment,
            RoomRegistry registry,
            PcmTracks tracks,
            LongSupplier clockUs) {
        super(connections, frames, source);
        this.handshake = attachment.handshake();
        this.publishedHere = attachment.publishedHere();
        this.sessionId = attachment.sessionId();
        this.registry = registry;
        this.tracks = tracks;
        this.clockUs = clockUs;
        this.stamper = new PcmTrackStamper(handshake.sampleRate(), handshake.channels());
    }

    @Override
    public void onWebSocketOpen(org.eclipse.jetty.websocket.api.Session session) {
        connections.attachPcm(handshake.trackKey(), this);
        super.onWebSocketOpen(session);
    }

    @Override
    void binary(byte[] message) {
        if (ended) {
            return;
        }
        StampedFrame stamped = stamper.stamp(message, clockUs.getAsLong());
        if (stamped == null) {
            return;
        }
        if (sequenceBase < 0) {
            long next =
                    registry.nextSequence(
                            handshake.roomId(),
                            handshake.participantId(),
                            handshake.trackId(),
                            stamped.timestampUs());
            sequenceBase = Math.max(0, next);
        }
        AudioFrame frame =
                AudioFrame.newBuilder()
                        .setRoomId(handshake.roomId())
                        .setSessionId(sessionId)
                        .setParticipantId(handshake.participantId())
                        .setTrackId(handshake.trackId())
                        .setSequence(sequenceBase + stamped.relativeSequence())
                        .setTimestampUs(stamped.timestampUs())
                        .setDurationUs(stamped.durationUs())
                        .setCodec(Codec.PCM_S16LE)
                        .setSampleRate(handshake.sampleRate())
                        .setChannels(handshake.channels())
                        .setPayload(UnsafeByteOperations.unsafeWrap(stamped.payload()))
                        .build();
        offer(frame, message);
    }

    @Override
    void text(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            if (node != null && node.has("muted") && node.get("muted").isBoolean()) {
                if (node.get("muted").asBoolean()) {
                    stamper.muted();
                }
                return;
            }
        } catch (java.io.IOException e) {
            // not JSON: refused below
        }
        send(
                frames.refuse(
                        new Rejection(
                                Rejection.Code.MALFORMED,
                                "a PCM socket takes binary s16le audio and text {\"muted\":true|false}; this text is neither"),
                        handshake.roomId(),
                        message.getBytes(StandardCharsets.UTF_8),
                        origin,
                        handshake.participantId(),
                        handshake.trackId(),
                        null));
    }

    @Override
    void refused(AudioFrame frame, byte[] raw, FrameIngest.Result result) {
        super.refused(frame, raw, result);
        if (result.rejection().code() == Rejection.Code.CONFLICT) {
            endTrack(result.rejection().message());
        }
    }

    /** The track ended: nothing more is taken, and the socket closes. */
    void endTrack(String reason) {
        if (!ended) {
            ended = true;
            close(1000, reason.length() > 120 ? reason.substring(0, 120) : reason);
        }
    }

    @Override
    void closed() {
        connections.detachPcm(handshake.trackKey(), this);
        if (publishedHere && !ended) {
            tracks.unpublish(handshake, source, origin);
        }
    }
}
