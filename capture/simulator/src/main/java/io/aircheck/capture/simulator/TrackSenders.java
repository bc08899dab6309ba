package io.aircheck.capture.simulator;

import com.google.protobuf.ByteString;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.TrackPublished;
import io.aircheck.protocol.v1.TrackUnpublished;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Random;
import java.util.function.LongSupplier;

/** The three ways a track reaches the gateway. */
final class TrackSenders {
    private TrackSenders() {}

    /** What every sender of one player shares. */
    record Context(
            URI gateway,
            String token,
            HttpClient http,
            GatewayEvents events,
            RoomSimulator.Options options,
            DatagramChannel udp,
            Random random,
            LongSupplier t0Us,
            String runId) {}

    static TrackSender create(Source source, Context c, String roomId, String participantId) {
        return switch (source) {
            case WS -> new Frames(c, roomId, participantId);
            case PCM -> new Pcm(c, roomId, participantId);
            case RTP -> new Rtp(c, roomId, participantId);
        };
    }

    /** The gateway's WebSocket address of {@code path} (ws:// or wss://). */
    static URI socket(Context c, String path) {
        return URI.create(c.gateway().toString().replaceFirst("^http", "ws")).resolve(path);
    }

    static RoomEvent.Builder event(Context c, String roomId, String localId) {
        return RoomEvent.newBuilder().setRoomId(roomId).setEventId(c.runId() + "-" + localId);
    }

    static void unpublishEvent(Context c, String roomId, String participantId, long timestampUs) {
        c.events()
                .post(
                        event(c, roomId, participantId + "-off-" + System.nanoTime())
                                .setTimestampUs(timestampUs)
                                .setTrackUnpublished(
                                        TrackUnpublished.newBuilder()
                                                .setParticipantId(participantId)
                                                .setTrackId(TrackSender.TRACK_ID))
                                .build());
    }

    /** Protobuf frames on /v1/audio, stamped by the simulator (T0 + room time). */
    static final class Frames extends TrackSender {
        private final Context c;
        private GatewaySocket socket;

        Frames(Context c, String roomId, String participantId) {
            super(roomId, participantId);
            this.c = c;
        }

        @Override
        void publish() {
            c.events()
                    .post(
                            event(c, roomId, participantId + "-on-" + System.nanoTime())
                                    .setTimestampUs(c.t0Us().getAsLong() + 1)
                                    .setTrackPublished(
                                            TrackPublished.newBuilder()
                                                    .setParticipantId(participantId)
                                                    .setTrackId(TRACK_ID)
                                                    .setCodec(c.options().codec().wire)
                                                    .setSampleRate(SimulatedRoom.SAMPLE_RATE)
                                                    .setChannels(1))
                                    .build());
            socket =
                    GatewaySocket.open(
                            c.http(),
                            socket(c, "/v1/audio"),
                            c.token(),
                            roomId + "/" + participantId);
            ready = true;
        }

        @Override
        long send(ClipLibrary.Clip clip, int index, long roomUs, long nowNanos) {
            long sequence = sent.get();
            byte[] payload =
                    c.options().codec() == FrameCodec.OPUS
                            ? clip.opusFrame(index)
                            : clip.pcmFrame(index);
            socket.send(
                    AudioFrame.newBuilder()
                            .setRoomId(roomId)
                            .setParticipantId(participantId)
                            .setTrackId(TRACK_ID)
                            .setSequence(sequence)
                            .setTimestampUs(c.t0Us().getAsLong() + roomUs)
                            .setDurationUs((int) RoomScript.FRAME_US)
                            .setPayload(ByteString.copyFrom(payload))
                            .build()
                            .toByteArray());
            sent.incrementAndGet();
            return sequence;
        }

        @Override
        void unpublish() {
            if (sent.get() > 0) {
                socket.awaitAck(sent.get() - 1, c.options().ackTimeout());
            }
            unpublishEvent(c, roomId, participantId, 0);
            socket.close();
        }

        @Override
        void endedByEvent() {
            super.endedByEvent();
            if (socket != null) {
                socket.close();
            }
        }
    }

    /** Raw PCM on /v1/audio/pcm (the socket publishes the track on connecting). */
    static final class Pcm extends TrackSender {
        private final Context c;
        private GatewaySocket socket;

        Pcm(Context c, String roomId, String participantId) {
            super(roomId, participantId);
            this.c = c;
        }

        @Override
        void publish() {
            URI uri =
                    socket(
                            c,
                            "/v1/audio/pcm?room="
                                    + roomId
                                    + "&participant="
                                    + participantId
                                    + "&track="
                                    + TRACK_ID
                                    + "&rate="
                                    + SimulatedRoom.SAMPLE_RATE
                                    + "&channels=1&token="
                                    + c.token());
            socket = GatewaySocket.open(c.http(), uri, null, roomId + "/" + participantId);
            ready = true;
        }

        @Override
        long send(ClipLibrary.Clip clip, int index, long roomUs, long nowNanos) {
            socket.send(clip.pcmFrame(index));
            return sent.getAndIncrement();
        }

        @Override
        void turnStarts() {
            socket.sendText("{\"muted\":false}");
        }

        @Override
        void turnEnds() {
            socket.sendText("{\"muted\":true}");
        }

        @Override
        void unpublish() {
            if (sent.get() > 0) {
                socket.awaitAck(sent.get() - 1, c.options().ackTimeout());
            }
            // as an integrator does on the track's end: the gateway then closes the socket
            unpublishEvent(c, roomId, participantId, 0);
            socket.close();
        }

        @Override
        void endedByEvent() {
            super.endedByEvent();
            if (socket != null) {
                socket.close();
            }
        }
    }

    /** RTP/Opus over UDP, bound by SSRC on the gateway's shared port. */
    static final class Rtp extends TrackSender {
        /** After the last packet, time for the gateway's reorder hold before unpublishing. */
        static final Duration SETTLE = Duration.ofMillis(300);

        private final Context c;
        private final long ssrc;
        private RtpStreamSender stream;

        Rtp(Context c, String roomId, String participantId) {
            super(roomId, participantId);
            this.c = c;
            this.ssrc = c.random().nextInt() & 0xffffffffL;
        }

        @Override
        void publish() {
            var answer =
                    c.events()
                            .bindRtp(
                                    roomId,
                                    participantId,
                                    TRACK_ID,
                                    ssrc,
                                    RtpStreamSender.PAYLOAD_TYPE);
            InetSocketAddress to =
                    new InetSocketAddress(c.gateway().getHost(), answer.path("port").asInt());
            stream = new RtpStreamSender(c.udp(), to, ssrc, c.random());
            ready = true;
        }

        @Override
        long send(ClipLibrary.Clip clip, int index, long roomUs, long nowNanos) {
            sent.incrementAndGet();
            return stream.send(clip.opusFrame(index), nowNanos);
        }

        @Override
        void turnEnds() {
            stream.pause();
        }

        @Override
        void unpublish() {
            try {
                Thread.sleep(SETTLE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unpublishEvent(c, roomId, participantId, 0);
        }
    }
}
