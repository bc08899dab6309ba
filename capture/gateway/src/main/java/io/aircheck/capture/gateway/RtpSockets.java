package io.aircheck.capture.gateway;

import io.aircheck.capture.room.RtpPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's bound UDP sockets for RTP: the shared port and the ports of their own (RTP), and
 * beside each the port above it for RTCP where it could be bound (senders like ffmpeg send RTCP
 * there; it is read and counted, not used).
 */
final class RtpSockets implements AutoCloseable {
    /** Receive buffer per socket: about a second of a thousand 100-byte streams. */
    static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

    /** One bound socket. */
    record Socket(DatagramChannel channel, int port, boolean rtcp) {}

    private final List<Socket> sockets;
    private final RtpPorts ports;

    private RtpSockets(List<Socket> sockets, RtpPorts ports) {
        this.sockets = sockets;
        this.ports = ports;
    }

    /** Binds what {@code settings} asks for on {@code host}; fails naming the setting. */
    static RtpSockets open(String host, RtpSettings settings) {
        List<Socket> bound = new ArrayList<>();
        try {
            int shared = 0;
            if (settings.sharedPort() >= 0) {
                shared = bind(host, settings.sharedPort(), false, bound, RtpSettings.PORT.env());
                bindRtcp(host, shared, bound);
            }
            List<Integer> own = new ArrayList<>();
            if (settings.ownFirst() > 0) {
                int first = settings.ownFirst() + (settings.ownFirst() % 2);
                for (int port = first; port <= settings.ownLast(); port += 2) {
                    own.add(bind(host, port, false, bound, RtpSettings.PORTS.env()));
                    bindRtcp(host, port, bound);
                }
            }
            for (int i = 0; i < settings.ownCount(); i++) {
                own.add(bind(host, 0, false, bound, RtpSettings.PORTS.env()));
            }
            return new RtpSockets(bound, new RtpPorts(shared, own));
        } catch (RuntimeException e) {
            closeAll(bound);
            throw e;
        }
    }

    RtpPorts ports() {
        return ports;
    }

    List<Socket> sockets() {
        return sockets;
    }

    @Override
    public void close() {
        closeAll(sockets);
    }

    private static int bind(
            String host, int port, boolean rtcp, List<Socket> bound, String setting) {
        try {
            DatagramChannel channel = DatagramChannel.open();
            try {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
                channel.bind(new InetSocketAddress(host, port));
                channel.configureBlocking(false);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            int actual = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            bound.add(new Socket(channel, actual, rtcp));
            return actual;
        } catch (IOException e) {
            throw new GatewayStartException(
                    "cannot receive RTP on UDP "
                            + host
                            + ":"
                            + port
                            + " ("
                            + setting
                            + "): "
                            + e.getMessage(),
                    e);
        }
    }

    private static void bindRtcp(String host, int rtpPort, List<Socket> bound) {
        if (rtpPort >= 65535) {
            return;
        }
        try {
            bind(host, rtpPort + 1, true, bound, "RTCP");
        } catch (GatewayStartException e) {
            // RTCP is informational: a taken port above only means its RTCP is not counted
        }
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.channel().close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
