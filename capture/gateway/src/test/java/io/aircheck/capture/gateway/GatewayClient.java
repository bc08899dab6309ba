package io.aircheck.capture.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.RoomEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a source does, over java.net.http: post events, send frames on a WebSocket. */
final class GatewayClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String token;

    GatewayClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    record Answer(int status, JsonNode body) {}

    Answer post(RoomEvent event) {
        return postJson(WireFormat.toJson(event), token);
    }

    Answer postJson(String json, String bearer) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + "/v1/events"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    String getText(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens the raw PCM WebSocket with {@code query} (room=..&participant=..&track=..), token in
     * the query.
     */
    AudioClient pcm(String query) {
        AudioClient client = new AudioClient();
        String url =
                baseUrl.replace("http://", "ws://") + "/v1/audio/pcm?" + query + "&token=" + token;
        client.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), client).join();
        return client;
    }

    /** Posts an RTP binding for {@code room}. */
    Answer bindRtp(String room, String json) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/v1/rooms/" + room + "/rtp-bindings"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build());
    }

    Answer rtpBindings(String room) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/v1/rooms/" + room + "/rtp-bindings"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
    }

    /** Opens the audio WebSocket with the bearer header ({@code viaQuery}: as ?token=). */
    AudioClient audio(boolean viaQuery) {
        AudioClient client = new AudioClient();
        String url = baseUrl.replace("http://", "ws://") + "/v1/audio";
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (viaQuery) {
            url += "?token=" + token;
        } else {
            builder.header("Authorization", "Bearer " + token);
        }
        client.socket = builder.buildAsync(URI.create(url), client).join();
        return client;
    }

    /** An audio connection that collects the gateway's text messages. */
    static final class AudioClient implements WebSocket.Listener {
        final BlockingQueue<JsonNode> notices = new LinkedBlockingQueue<>();
        final java.util.concurrent.CompletableFuture<Integer> closedWith =
                new java.util.concurrent.CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        void send(byte[] message) {
            socket.sendBinary(ByteBuffer.wrap(message), true).join();
        }

        void sendText(String text) {
            socket.sendText(text, true).join();
        }

        JsonNode next() throws InterruptedException {
            JsonNode notice = notices.poll(10, TimeUnit.SECONDS);
            if (notice == null) {
                throw new AssertionError("no message from the gateway within 10 s");
            }
            return notice;
        }

        /**
         * Waits for an ack of {@code trackId} at {@code sequence} or beyond; returns what came
         * before.
         */
        List<JsonNode> awaitAck(String trackId, long sequence) throws InterruptedException {
            List<JsonNode> seen = new ArrayList<>();
            while (true) {
                JsonNode notice = next();
                seen.add(notice);
                if (notice.path("type").asText().equals("ack")
                        && notice.path("trackId").asText().equals(trackId)
                        && notice.path("sequence").asLong() >= sequence) {
                    return seen;
                }
            }
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    notices.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
