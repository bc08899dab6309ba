package io.aircheck.capture.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One speaker track's WebSocket to the gateway's {@code /v1/audio}: sends frames in order, follows
 * the gateway's acknowledgements, and remembers the first refusal.
 */
final class TrackSocket implements WebSocket.Listener, AutoCloseable {
    private final String label;
    private final StringBuilder partial = new StringBuilder();
    private final Object progress = new Object();
    private long ackedSequence = -1;
    private String refusal;
    private WebSocket socket;

    private TrackSocket(String label) {
        this.label = label;
    }

    static TrackSocket open(HttpClient http, URI gateway, String token, String label) {
        TrackSocket track = new TrackSocket(label);
        URI uri = URI.create(gateway.toString().replaceFirst("^http", "ws")).resolve("/v1/audio");
        try {
            track.socket =
                    http.newWebSocketBuilder()
                            .header("Authorization", "Bearer " + token)
                            .connectTimeout(Duration.ofSeconds(10))
                            .buildAsync(uri, track)
                            .join();
        } catch (CompletionException e) {
            throw new SimulationException(
                    "cannot open the audio socket " + uri + " for " + label + ": " + e.getCause(),
                    e);
        }
        return track;
    }

    void send(byte[] frame) {
        throwIfRefused();
        try {
            socket.sendBinary(ByteBuffer.wrap(frame), true).join();
        } catch (CompletionException e) {
            throw new SimulationException(
                    "the audio socket of " + label + " failed: " + e.getCause(), e);
        }
    }

    /** Waits until the gateway acknowledged {@code sequence} (durable in the log). */
    void awaitAck(long sequence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (ackedSequence < sequence && refusal == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SimulationException(
                            "the gateway did not acknowledge frame "
                                    + sequence
                                    + " of "
                                    + label
                                    + " within "
                                    + timeout.toSeconds()
                                    + " s (last acknowledged: "
                                    + ackedSequence
                                    + ")");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SimulationException("interrupted while waiting for acks", e);
                }
            }
        }
        throwIfRefused();
    }

    void throwIfRefused() {
        synchronized (progress) {
            if (refusal != null) {
                throw new SimulationException(
                        "the gateway refused a frame of " + label + ": " + refusal);
            }
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            notice(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void notice(String text) {
        GatewayNotice.parse(text)
                .ifPresent(
                        notice -> {
                            synchronized (progress) {
                                if (notice.ack()) {
                                    ackedSequence = Math.max(ackedSequence, notice.sequence());
                                } else if (refusal == null) {
                                    refusal = notice.refusal();
                                }
                                progress.notifyAll();
                            }
                        });
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        synchronized (progress) {
            if (refusal == null) {
                refusal = "connection failed: " + error;
            }
            progress.notifyAll();
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "track ended").join();
        }
    }
}
