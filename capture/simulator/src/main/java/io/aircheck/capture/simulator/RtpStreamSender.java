package io.aircheck.capture.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Sends one speaker's Opus packets as an RTP stream (RFC 3550, RFC 7587): 12-byte header, sequence
 * +1 per packet, timestamp +960 per 20 ms packet and, across a silence between turns, +the silence
 * (as a sender with DTX or a muted mic does), marker set on the first packet of each talk spurt.
 * Random initial sequence and timestamp, as RFC 3550 asks.
 */
final class RtpStreamSender {
    static final int PAYLOAD_TYPE = 111;

    private final DatagramChannel channel;
    private final InetSocketAddress gateway;
    private final long ssrc;
    private int sequence;
    private long timestamp;
    private long lastSentNanos = -1;
    private boolean talkSpurt = true;
    private long packets;

    RtpStreamSender(
            DatagramChannel channel,
            InetSocketAddress gateway,
            long ssrc,
            java.util.Random random) {
        this.channel = channel;
        this.gateway = gateway;
        this.ssrc = ssrc;
        this.sequence = random.nextInt(65536);
        this.timestamp = random.nextInt() & 0xffffffffL;
    }

    long ssrc() {
        return ssrc;
    }

    /** The next packet belongs to a new talk spurt (the speaker paused). */
    void pause() {
        talkSpurt = true;
    }

    /**
     * Sends one 20 ms packet; returns how many were sent before it (the gateway's frame number).
     */
    long send(byte[] opus, long nowNanos) {
        if (lastSentNanos >= 0) {
            long step = 960;
            if (talkSpurt) {
                long elapsed = (nowNanos - lastSentNanos) * 48_000 / 1_000_000_000L;
                step = Math.max(960, Math.round(elapsed / 960.0) * 960);
            }
            timestamp = (timestamp + step) & 0xffffffffL;
            sequence = (sequence + 1) & 0xffff;
        }
        ByteBuffer packet = ByteBuffer.allocate(12 + opus.length);
        packet.put((byte) 0x80).put((byte) ((talkSpurt ? 0x80 : 0) | PAYLOAD_TYPE));
        packet.putShort((short) sequence)
                .putInt((int) timestamp)
                .putInt((int) ssrc)
                .put(opus)
                .flip();
        try {
            channel.send(packet, gateway);
        } catch (IOException e) {
            throw new SimulationException(
                    "cannot send RTP to " + gateway + ": " + e.getMessage(), e);
        }
        talkSpurt = false;
        lastSentNanos = nowNanos;
        return packets++;
    }
}
