package io.aircheck.capture.room;

import java.util.List;

/**
 * The gateway's UDP ports for RTP: one shared port, on which streams are told apart by SSRC (0:
 * none), and ports a track gets to itself (any SSRC), handed out in order.
 */
public record RtpPorts(int sharedPort, List<Integer> ownPorts) {

    public RtpPorts {
        ownPorts = List.copyOf(ownPorts);
        if (sharedPort != 0 && ownPorts.contains(sharedPort)) {
            throw new IllegalArgumentException("port " + sharedPort + " cannot be shared and own");
        }
    }

    public static RtpPorts none() {
        return new RtpPorts(0, List.of());
    }

    public boolean isShared(int port) {
        return sharedPort != 0 && port == sharedPort;
    }

    public boolean isOwn(int port) {
        return ownPorts.contains(port);
    }

    /** For messages: {@code shared 5004, own 40000-40010 (6)}. */
    public String describe() {
        String shared = sharedPort == 0 ? "no shared port" : "shared " + sharedPort;
        if (ownPorts.isEmpty()) {
            return shared + ", no own ports";
        }
        return shared
                + ", own "
                + ownPorts.get(0)
                + "-"
                + ownPorts.get(ownPorts.size() - 1)
                + " ("
                + ownPorts.size()
                + ")";
    }
}
