package io.aircheck.capture.room;

/**
 * A track whose audio arrives as RTP: the gateway's UDP {@code port} it is sent to, the SSRC it is
 * told apart by (null: any SSRC on a port of the track's own), the Opus payload type (0: the first
 * packet's), the channels, and the ingest source that bound it (its credential must stay valid).
 */
public record RtpBinding(
        String roomId,
        String sessionId,
        String participantId,
        String trackId,
        int port,
        Long ssrc,
        int payloadType,
        int channels,
        String owner) {

    /** e.g. {@code r1/alice/mic}. */
    public String trackKey() {
        return roomId + "/" + participantId + "/" + trackId;
    }
}
