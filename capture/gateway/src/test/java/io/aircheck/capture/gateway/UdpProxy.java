package io.aircheck.capture.gateway;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A UDP path between a sender and the gateway that can lose, duplicate, reorder and delay datagrams
 * (seeded), recording every datagram it received and what it did with it (tests).
 */
final class UdpProxy implements AutoCloseable {
    /** What the proxy saw: a datagram, when it came, and whether it was dropped or doubled. */
    record Seen(byte[] data, long arrivedUs, boolean dropped, boolean duplicated) {}

    private final DatagramSocket in;
    private final DatagramSocket out;
    private final InetSocketAddress target;
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
    private final Random random;
    private final Thread thread;
    private final List<Seen> seen = new ArrayList<>();
    double loss;
    double duplication;
    double swap;

    /** Mean of the exponential delay added to each datagram (ms), capped at three times that. */
    int jitterMs;

    /** Every datagram received is also sent, as it came, to this port (0: none). */
    volatile int teePort;

    private byte[] swapped;
    private volatile boolean running = true;

    UdpProxy(int targetPort, long seed) {
        try {
            in = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            out = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
        target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        random = new Random(seed);
        thread = new Thread(this::run, "udp-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return in.getLocalPort();
    }

    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void run() {
        byte[] buffer = new byte[65_536];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                in.receive(packet);
            } catch (IOException e) {
                return;
            }
            byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
            long now = io.aircheck.capture.gateway.CaptureGateway.wallClockUs();
            if (teePort > 0) {
                send(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), teePort));
            }
            boolean drop = random.nextDouble() < loss;
            boolean twice = !drop && random.nextDouble() < duplication;
            synchronized (this) {
                seen.add(new Seen(data, now, drop, twice));
            }
            if (drop) {
                continue;
            }
            if (swapped == null && random.nextDouble() < swap) {
                swapped = data; // held back: goes out after the next one
                continue;
            }
            forward(data);
            if (twice) {
                forward(data);
            }
            if (swapped != null) {
                byte[] late = swapped;
                swapped = null;
                forward(late);
            }
        }
    }

    private void forward(byte[] data) {
        // network delay variation: mostly small, with a tail (exponential), capped
        int delay =
                jitterMs <= 0
                        ? 0
                        : (int)
                                Math.min(
                                        3.0 * jitterMs,
                                        -jitterMs * Math.log(1 - random.nextDouble()));
        if (delay == 0) {
            send(data);
        } else {
            delays.schedule(() -> send(data), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void send(byte[] data) {
        send(data, target);
    }

    private void send(byte[] data, InetSocketAddress to) {
        try {
            out.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            // the gateway is gone
        }
    }

    @Override
    public void close() {
        running = false;
        in.close();
        delays.shutdown();
        try {
            delays.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
    }
}
