package io.aircheck.api.testing.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebDriver BiDi connection (W3C): commands as JSON over a WebSocket, each answered by the
 * message with its id. Events are ignored (none are subscribed).
 */
final class BidiConnection implements WebSocket.Listener, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static BidiConnection open(URI url) {
        BidiConnection connection = new BidiConnection();
        connection.socket =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(url, connection)
                        .join();
        return connection;
    }

    /** Sends {@code method} with {@code params}; returns its result, or throws its error. */
    JsonNode send(String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        ObjectNode command = JSON.createObjectNode();
        command.put("id", id).put("method", method).set("params", params);
        socket.sendText(command.toString(), true).join();
        JsonNode message;
        try {
            message = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + ": no answer from the browser", e);
        } finally {
            waiting.remove(id);
        }
        if ("error".equals(message.path("type").asText())) {
            throw new IllegalStateException(
                    method
                            + " failed: "
                            + message.path("error").asText()
                            + ": "
                            + message.path("message").asText());
        }
        return message.path("result");
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = JSON.readTree(partial.toString());
                CompletableFuture<JsonNode> answer =
                        message.has("id") ? waiting.get(message.get("id").asLong()) : null;
                if (answer != null) {
                    answer.complete(message);
                }
            } catch (IOException e) {
                throw new IllegalStateException("not JSON from the browser: " + partial, e);
            } finally {
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        waiting.values().forEach(f -> f.completeExceptionally(error));
    }

    @Override
    public void close() {
        socket.abort();
    }
}
