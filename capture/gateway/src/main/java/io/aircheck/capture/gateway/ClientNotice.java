package io.aircheck.capture.gateway;

/**
 * A text message to an audio client: an acknowledgement ({@code type=ack}: every frame of the track
 * up to {@code sequence} sent on this connection is durable or was reported as an error) or an
 * error about one frame ({@code type=error}).
 */
record ClientNotice(
        String type,
        String roomId,
        String participantId,
        String trackId,
        Long sequence,
        String error,
        String message) {

    static ClientNotice ack(String roomId, String participantId, String trackId, long sequence) {
        return new ClientNotice("ack", roomId, participantId, trackId, sequence, null, null);
    }

    static ClientNotice error(
            String code,
            String message,
            String roomId,
            String participantId,
            String trackId,
            Long sequence) {
        return new ClientNotice("error", roomId, participantId, trackId, sequence, code, message);
    }

    String toJson() {
        return JsonText.of(
                "type", type,
                "error", error,
                "message", message,
                "roomId", roomId,
                "participantId", participantId,
                "trackId", trackId,
                "sequence", sequence);
    }
}
