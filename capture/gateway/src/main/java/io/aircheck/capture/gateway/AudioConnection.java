package io.aircheck.capture.gateway;

import io.aircheck.protocol.v1.AudioFrame;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audio WebSocket, read one message at a time on demand: after each message it asks for the
 * next only when the message is handled and the connection is within its window of unacknowledged
 * writes ({@link #MAX_UNACKED}). A frame whose room is busy or whose write the log cannot take yet
 * waits as {@code pending}, and the socket is not read meanwhile (TCP pushes back on the sender);
 * {@link #tick} (every {@link AudioConnections#TICK_MS} ms) retries it, sends due acknowledgements
 * and resumes reading. Thread-safe: Jetty's threads deliver messages, the ticker ticks.
 */
public abstract class AudioConnection implements Session.Listener {
    /** Frames a connection may have in flight before it is read no further. */
    static final int MAX_UNACKED = 256;

    private static final Logger LOG = LoggerFactory.getLogger(AudioConnection.class);

    final String source;
    final AckTracker acks = new AckTracker();
    final AudioConnections connections;
    final FrameIngest frames;
    String origin;
    private Session session;
    private boolean demanded;
    private AudioFrame pending;
    private byte[] pendingRaw;
    private volatile boolean paused;

    AudioConnection(AudioConnections connections, FrameIngest frames, String source) {
        this.connections = connections;
        this.frames = frames;
        this.source = source;
    }

    /** Handles one binary message (called holding this connection's monitor). */
    abstract void binary(byte[] message);

    /** Handles one text message (called holding this connection's monitor). */
    abstract void text(String message);

    /** The connection closed (called without this connection's monitor: it may wait for a room). */
    void closed() {}

    @Override
    public void onWebSocketOpen(Session session) {
        synchronized (this) {
            this.session = session;
            this.origin = "ws " + session.getRemoteSocketAddress() + " source=" + source;
            connections.add(this);
            demandIfClear();
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] message = new byte[payload.remaining()];
        payload.get(message);
        callback.succeed();
        synchronized (this) {
            demanded = false;
            binary(message);
            demandIfClear();
        }
    }

    @Override
    public void onWebSocketText(String message) {
        synchronized (this) {
            demanded = false;
            text(message);
            demandIfClear();
        }
    }

    /** Pings reach a listener that demands explicitly: it answers them and asks for more. */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        synchronized (this) {
            demanded = false;
            if (session != null && session.isOpen()) {
                session.sendPong(payload, Callback.NOOP);
            }
            demandIfClear();
        }
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        synchronized (this) {
            demanded = false;
            demandIfClear();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        callback.succeed();
        connections.remove(this);
        synchronized (this) {
            if (acks.inFlight() > 0 || pending != null) {
                LOG.debug(
                        "audio connection from {} closed with {} writes unacknowledged{}",
                        origin,
                        acks.inFlight(),
                        pending == null ? "" : " and one frame not yet written");
            }
        }
        // outside the monitor: closing may write an event, which takes the room's lock, and an
        // event holding that lock may be draining this connection
        closed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("audio connection from {} failed: {}", origin, cause.toString());
    }

    /** Offers a frame to the log; if its room or the log is busy, it waits and reading pauses. */
    void offer(AudioFrame frame, byte[] raw) {
        FrameIngest.Result result =
                frames.tryWrite(
                        frame,
                        accepted ->
                                acks.expect(
                                        accepted.getRoomId(),
                                        accepted.getParticipantId(),
                                        accepted.getTrackId(),
                                        accepted.getSequence()));
        switch (result.attempt()) {
            case WRITTEN -> {}
            case BUSY -> {
                pending = frame;
                pendingRaw = raw;
            }
            case REFUSED -> refused(frame, raw, result);
        }
    }

    /** A frame the gateway refused: the client is told (subclasses may do more). */
    void refused(AudioFrame frame, byte[] raw, FrameIngest.Result result) {
        send(
                frames.refuse(
                        result.rejection(),
                        frame.getRoomId(),
                        raw,
                        origin,
                        frame.getParticipantId(),
                        frame.getTrackId(),
                        frame.getSequence()));
    }

    /** Retries a waiting frame, sends due acknowledgements, resumes reading when clear. */
    void tick() {
        List<ClientNotice> notices = acks.drain();
        for (ClientNotice notice : notices) {
            send(notice);
        }
        synchronized (this) {
            if (pending != null) {
                AudioFrame frame = pending;
                byte[] raw = pendingRaw;
                pending = null;
                pendingRaw = null;
                offer(frame, raw);
            }
            demandIfClear();
        }
    }

    /** Takes the frame waiting for its room, if any (its track ends: it is written first). */
    synchronized AudioFrame takePending() {
        AudioFrame frame = pending;
        pending = null;
        pendingRaw = null;
        return frame;
    }

    boolean isPaused() {
        return paused;
    }

    synchronized void send(ClientNotice notice) {
        if (session != null && session.isOpen()) {
            session.sendText(notice.toJson(), Callback.NOOP);
        }
    }

    void close(int code, String reason) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(code, reason, Callback.NOOP);
        }
    }

    private void demandIfClear() {
        boolean clear = pending == null && acks.inFlight() < MAX_UNACKED;
        paused = !clear;
        if (clear && !demanded && session != null && session.isOpen()) {
            demanded = true;
            session.demand();
        }
    }
}
