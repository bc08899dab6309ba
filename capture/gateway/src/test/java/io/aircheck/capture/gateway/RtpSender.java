package io.aircheck.capture.gateway;

import io.aircheck.capture.stream.RtpPackets;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Sends RTP/Opus packets (20 ms each) as a sender would, remembering what it sent (tests). */
final class RtpSender implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress to;
    private final List<byte[]> sent = new ArrayList<>();
    long ssrc;
    int sequence;
    long timestamp;
    int payloadType = 111;

    RtpSender(int port, long ssrc, int firstSequence, long firstTimestamp) {
        try {
            this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        this.ssrc = ssrc;
        this.sequence = firstSequence;
        this.timestamp = firstTimestamp;
    }

    /** Sends the next 20 ms packet; returns its payload. */
    byte[] next() {
        byte[] payload = RtpPackets.opus20ms(sequence & 0x7f, 60);
        send(
                RtpPackets.packet(
                        payloadType, sequence & 0xffff, timestamp & 0xffffffffL, ssrc, payload));
        sequence++;
        timestamp += 960;
        return payload;
    }

    /** Skips a packet, as if the network lost it. */
    void skip() {
        sequence++;
        timestamp += 960;
    }

    void send(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
            sent.add(datagram);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
