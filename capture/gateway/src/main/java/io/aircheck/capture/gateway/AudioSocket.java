package io.aircheck.capture.gateway;

import io.aircheck.capture.room.Rejection;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/audio}: a WebSocket of binary {@code AudioFrame} messages. Refused frames are
 * answered with an error text message and the connection stays open; acknowledgements go out every
 * {@link #ACK_INTERVAL_MS} ms for what Kafka acknowledged. Knows WebSockets, not rooms.
 */
final class AudioSocket {
    static final long ACK_INTERVAL_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(AudioSocket.class);

    private final IngestCredentials credentials;
    private final FrameIngest ingest;
    private final Map<String, AudioConnection> connections = new ConcurrentHashMap<>();

    AudioSocket(IngestCredentials credentials, FrameIngest ingest) {
        this.credentials = credentials;
        this.ingest = ingest;
    }

    /** Refuses the upgrade (401) without a known credential. */
    void beforeUpgrade(Context ctx) {
        if (sourceOf(ctx.header("Authorization"), ctx.queryParam("token")).isEmpty()) {
            throw new UnauthorizedResponse(EventsController.UNAUTHORIZED_MESSAGE);
        }
    }

    void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onBinaryMessage(this::binary);
        ws.onMessage(this::text);
        ws.onClose(this::closed);
        ws.onError(ctx -> LOG.debug("audio connection {} failed", ctx.sessionId(), ctx.error()));
    }

    private void connected(WsConnectContext ctx) {
        Optional<String> source = sourceOf(ctx.header("Authorization"), ctx.queryParam("token"));
        if (source.isEmpty()) {
            ctx.closeSession(1008, "unknown ingest credential");
            return;
        }
        String remote = String.valueOf(ctx.session.getRemoteSocketAddress());
        String origin = "ws " + remote + " source=" + source.get();
        connections.put(ctx.sessionId(), new AudioConnection(ctx, source.get(), origin));
        LOG.debug("audio connection {} from {}", ctx.sessionId(), origin);
    }

    private void binary(WsBinaryMessageContext ctx) {
        AudioConnection connection = connections.get(ctx.sessionId());
        if (connection == null) {
            return;
        }
        ByteBuffer data = ctx.data();
        byte[] message = new byte[data.remaining()];
        data.get(message);
        ingest.ingest(message, connection.origin, connection.acks).ifPresent(connection::send);
    }

    private void text(WsMessageContext ctx) {
        AudioConnection connection = connections.get(ctx.sessionId());
        if (connection == null) {
            return;
        }
        byte[] message = ctx.message().getBytes(StandardCharsets.UTF_8);
        connection.send(
                ingest.refuse(
                        message,
                        connection.origin,
                        new Rejection(
                                Rejection.Code.MALFORMED,
                                "text messages are not frames: send each AudioFrame as one binary protobuf message")));
    }

    private void closed(WsCloseContext ctx) {
        AudioConnection connection = connections.remove(ctx.sessionId());
        if (connection != null && connection.acks.inFlight() > 0) {
            LOG.debug(
                    "audio connection {} closed with {} writes unacknowledged",
                    ctx.sessionId(),
                    connection.acks.inFlight());
        }
    }

    /** Sends every connection's due acknowledgements; run every {@link #ACK_INTERVAL_MS} ms. */
    void flushNotices() {
        for (AudioConnection connection : connections.values()) {
            try {
                connection.flushNotices();
            } catch (RuntimeException e) {
                LOG.debug("could not notify an audio client: {}", e.toString());
            }
        }
    }

    int connectionCount() {
        return connections.size();
    }

    private Optional<String> sourceOf(String header, String token) {
        return BearerToken.from(header, token).flatMap(credentials::sourceFor);
    }
}
