package io.aircheck.capture.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.RoomEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts room events to the gateway's {@code POST /v1/events}. */
final class GatewayEvents {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI endpoint;
    private final String token;

    GatewayEvents(HttpClient http, URI gateway, String token) {
        this.http = http;
        this.endpoint = gateway.resolve("/v1/events");
        this.token = token;
    }

    /** Binds an RTP stream (by SSRC) to a track: the gateway's answer, with the UDP port. */
    JsonNode bindRtp(
            String roomId, String participantId, String trackId, long ssrc, int payloadType) {
        String body =
                "{\"participantId\":\""
                        + participantId
                        + "\",\"trackId\":\""
                        + trackId
                        + "\",\"ssrc\":"
                        + ssrc
                        + ",\"payloadType\":"
                        + payloadType
                        + "}";
        HttpRequest request =
                HttpRequest.newBuilder(endpoint.resolve("/v1/rooms/" + roomId + "/rtp-bindings"))
                        .timeout(TIMEOUT)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        return answer(request, "the RTP binding of " + participantId);
    }

    /** The gateway's answer to an accepted (202) or repeated (200) event; throws otherwise. */
    JsonNode post(RoomEvent event) {
        HttpRequest request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(TIMEOUT)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(WireFormat.toJson(event)))
                        .build();
        return answer(request, event.getKindCase() + " " + event.getEventId());
    }

    private JsonNode answer(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SimulationException(
                    "cannot reach the gateway at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationException("interrupted while talking to the gateway", e);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status == 200 || status == 201 || status == 202) {
            return body;
        }
        throw new SimulationException(
                "the gateway refused "
                        + what
                        + " with HTTP "
                        + status
                        + " "
                        + body.path("error").asText()
                        + ": "
                        + body.path("message").asText(response.body()));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body);
        }
    }
}
