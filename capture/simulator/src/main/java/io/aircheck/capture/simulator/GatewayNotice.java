package io.aircheck.capture.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * A text message the gateway sends on an audio WebSocket: an acknowledgement up to a sequence, or
 * the refusal of a frame (code, frame, sentence).
 */
record GatewayNotice(boolean ack, long sequence, String refusal) {

    /** The notice in {@code text}, or empty when it is not JSON. */
    static Optional<GatewayNotice> parse(String text) {
        JsonNode notice;
        try {
            notice = GatewayEvents.JSON.readTree(text);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (notice.path("type").asText().equals("ack")) {
            return Optional.of(new GatewayNotice(true, notice.path("sequence").asLong(), null));
        }
        return Optional.of(
                new GatewayNotice(
                        false,
                        notice.path("sequence").asLong(-1),
                        notice.path("error").asText()
                                + " (frame "
                                + notice.path("sequence").asText("?")
                                + "): "
                                + notice.path("message").asText()));
    }
}
