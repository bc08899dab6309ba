package io.aircheck.capture.gateway;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that reads every RTP socket (one selector) and hands each datagram to {@link
 * RtpIngest}, and wakes at least every {@link #TICK_MS} ms for reorder holds running out and frames
 * waiting for their room. Nothing on it blocks on Kafka or on a room.
 */
final class RtpReceiver implements AutoCloseable {
    static final long TICK_MS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(RtpReceiver.class);

    private final RtpSockets sockets;
    private final RtpIngest ingest;
    private final LongSupplier clockUs;
    private final Selector selector;
    private final Thread thread;
    private volatile boolean running = true;

    RtpReceiver(RtpSockets sockets, RtpIngest ingest, LongSupplier clockUs) {
        this.sockets = sockets;
        this.ingest = ingest;
        this.clockUs = clockUs;
        try {
            this.selector = Selector.open();
            for (RtpSockets.Socket socket : sockets.sockets()) {
                socket.channel().register(selector, SelectionKey.OP_READ, socket);
            }
        } catch (IOException e) {
            throw new GatewayStartException("cannot watch the RTP sockets: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::run, "capture-rtp");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        while (running) {
            try {
                selector.select(TICK_MS);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    RtpSockets.Socket socket = (RtpSockets.Socket) key.attachment();
                    drain(socket, buffer);
                }
                ingest.tick(clockUs.getAsLong());
            } catch (IOException e) {
                if (running) {
                    LOG.warn("reading RTP failed: {}", e.toString());
                }
            } catch (RuntimeException e) {
                LOG.error("RTP receiving failed; carrying on", e);
            }
        }
    }

    private void drain(RtpSockets.Socket socket, ByteBuffer buffer) throws IOException {
        DatagramChannel channel = socket.channel();
        for (int i = 0; i < 1024; i++) { // then let the other sockets have a turn
            buffer.clear();
            SocketAddress from = channel.receive(buffer);
            if (from == null) {
                return;
            }
            ingest.datagram(
                    socket.port(),
                    socket.rtcp(),
                    buffer.array(),
                    buffer.position(),
                    from,
                    clockUs.getAsLong());
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("closing the RTP selector failed", e);
        }
        sockets.close();
    }
}
