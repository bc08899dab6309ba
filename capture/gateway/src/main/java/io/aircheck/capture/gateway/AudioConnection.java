package io.aircheck.capture.gateway;

import io.javalin.websocket.WsContext;
import java.util.List;

/** One audio WebSocket: who sent it, its writes in flight, and serialized sends to the client. */
final class AudioConnection {
    final String source;
    final String origin;
    final AckTracker acks = new AckTracker();
    private final WsContext ctx;

    AudioConnection(WsContext ctx, String source, String origin) {
        this.ctx = ctx;
        this.source = source;
        this.origin = origin;
    }

    /** Sends the acknowledgements and write errors that are due. */
    void flushNotices() {
        List<ClientNotice> notices = acks.drain();
        for (ClientNotice notice : notices) {
            send(notice);
        }
    }

    synchronized void send(ClientNotice notice) {
        if (ctx.session.isOpen()) {
            ctx.send(notice.toJson());
        }
    }
}
