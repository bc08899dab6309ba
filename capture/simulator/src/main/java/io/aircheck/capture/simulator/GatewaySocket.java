package io.aircheck.capture.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * An audio WebSocket to the gateway that sends without blocking (each message after the previous
 * one, as the JDK client requires), follows the acknowledgements and remembers the first refusal.
 */
final class GatewaySocket implements WebSocket.Listener {
    private final String label;
    private final StringBuilder partial = new StringBuilder();
    private final Object progress = new Object();
    private CompletableFuture<WebSocket> last;
    private WebSocket socket;
    private long acked = -1;
    private String refusal;

    private GatewaySocket(String label) {
        this.label = label;
    }

    /** Opens {@code uri} ({@code token}, if not null, as a Bearer header). */
    static GatewaySocket open(HttpClient http, URI uri, String token, String label) {
        GatewaySocket s = new GatewaySocket(label);
        WebSocket.Builder builder =
                http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            s.socket = builder.buildAsync(uri, s).join();
        } catch (CompletionException e) {
            throw new SimulationException(
                    "cannot open " + uri.getPath() + " for " + label + ": " + e.getCause(), e);
        }
        s.last = CompletableFuture.completedFuture(s.socket);
        return s;
    }

    synchronized void send(byte[] message) {
        last =
                last.thenCompose(ws -> ws.sendBinary(ByteBuffer.wrap(message), true))
                        .whenComplete(this::failed);
    }

    synchronized void sendText(String text) {
        last = last.thenCompose(ws -> ws.sendText(text, true)).whenComplete(this::failed);
    }

    private void failed(WebSocket ws, Throwable error) {
        if (error != null) {
            refuse("the socket failed: " + error);
        }
    }

    /** Waits until the gateway acknowledged {@code sequence} (durable in the log). */
    void awaitAck(long sequence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (acked < sequence && refusal == null) {
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
                                    + acked
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
                throw new SimulationException("the gateway refused " + label + ": " + refusal);
            }
        }
    }

    String refusal() {
        synchronized (progress) {
            return refusal;
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean lastPart) {
        partial.append(data);
        if (lastPart) {
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
                                    acked = Math.max(acked, notice.sequence());
                                } else if (refusal == null) {
                                    refusal = notice.refusal();
                                }
                                progress.notifyAll();
                            }
                        });
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (statusCode != WebSocket.NORMAL_CLOSURE) {
            refuse("closed by the gateway (" + statusCode + " " + reason + ")");
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        refuse("connection failed: " + error);
    }

    private void refuse(String why) {
        synchronized (progress) {
            if (refusal == null) {
                refusal = why;
            }
            progress.notifyAll();
        }
    }

    void close() {
        CompletableFuture<WebSocket> done;
        synchronized (this) {
            done = last;
        }
        try {
            done.thenCompose(
                            ws ->
                                    ws.isOutputClosed()
                                            ? CompletableFuture.completedFuture(ws)
                                            : ws.sendClose(WebSocket.NORMAL_CLOSURE, "track ended"))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }
}
