package io.aircheck.infra.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1: a free one on request, or a clear error when a fixed one is taken. */
final class LoopbackPorts {

    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {}

    /** A port that was free a moment ago (the kernel's pick among ephemeral ports). */
    static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedServerException("no free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code port}, or a free one when {@code port} is 0; fails clearly when a fixed port is taken.
     */
    static int resolve(String server, int port) {
        if (port < 0 || port > 65535) {
            throw new EmbeddedServerException(server + ": invalid port " + port);
        }
        if (port == 0) {
            return free();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return port;
        } catch (IOException e) {
            throw new EmbeddedServerException(
                    server
                            + ": port "
                            + port
                            + " on "
                            + HOST
                            + " is not available ("
                            + e.getMessage()
                            + "); stop whatever holds it or choose another port",
                    e);
        }
    }
}
