package io.aircheck.capture.simulator;

/** How the simulated speakers reach the gateway. */
public enum Source {
    /** Protobuf AudioFrames on {@code /v1/audio}, stamped on the room clock by the simulator. */
    WS,
    /**
     * Raw PCM s16le on {@code /v1/audio/pcm} (LiveKit track egress shape), stamped by the gateway.
     */
    PCM,
    /** RTP/Opus over UDP (RFC 3550, RFC 7587), bound by SSRC, stamped by the gateway. */
    RTP;

    public static Source parse(String name) {
        for (Source source : values()) {
            if (source.name().equalsIgnoreCase(name)) {
                return source;
            }
        }
        throw new IllegalArgumentException("source must be ws, pcm or rtp, got '" + name + "'");
    }

    /** Whether the gateway stamps the frames (then the simulator runs in real time). */
    public boolean gatewayStamped() {
        return this != WS;
    }
}
