package io.aircheck.capture.room;

import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RtpSource;
import io.aircheck.protocol.v1.TrackPublished;

/**
 * The rules of a TrackPublished event that binds an RTP stream (its {@code rtp} field): Opus at 48
 * kHz (RFC 7587), a dynamic payload type, and a port of the gateway's that is free for it. Port 0
 * asks the gateway to choose: the shared port for a stream with an SSRC, else the first free port
 * of its own. Callers serialize binding decisions (one at a time), so a free port stays free until
 * the event is applied.
 */
final class RtpBindingRules {
    private RtpBindingRules() {}

    /** Either the event with its port chosen, or why it is refused. */
    record Resolution(RoomEvent event, Rejection rejection) {
        static Resolution refused(Rejection rejection) {
            return new Resolution(null, rejection);
        }
    }

    static Resolution resolve(RoomEvent event, RtpPorts ports, RtpBindingIndex index) {
        TrackPublished published = event.getTrackPublished();
        RtpSource rtp = published.getRtp();
        if (published.getCodec() != Codec.OPUS || published.getSampleRate() != 48_000) {
            return Resolution.refused(
                    Rejection.invalid(
                            "an RTP track carries Opus at 48000 Hz (RFC 7587): codec must be OPUS"
                                    + " and sample_rate 48000"));
        }
        int type = rtp.getPayloadType();
        if (type != 0 && (type < 96 || type > 127)) {
            return Resolution.refused(
                    Rejection.invalid(
                            "payload_type must be a dynamic RTP payload type (96-127), or 0 for the"
                                    + " first packet's, got "
                                    + Integer.toUnsignedString(type)));
        }
        Long ssrc = rtp.hasSsrc() ? Integer.toUnsignedLong(rtp.getSsrc()) : null;
        int port = rtp.getPort();
        if (port == 0) {
            port = choosePort(ports, index, ssrc);
            if (port == 0) {
                return Resolution.refused(noFreePort(ports));
            }
        }
        Rejection taken = checkPort(port, ssrc, ports, index);
        if (taken != null) {
            return Resolution.refused(taken);
        }
        RoomEvent.Builder resolved = event.toBuilder();
        resolved.getTrackPublishedBuilder().getRtpBuilder().setPort(port);
        return new Resolution(resolved.build(), null);
    }

    /** The port to bind to, or 0 when none is free. */
    private static int choosePort(RtpPorts ports, RtpBindingIndex index, Long ssrc) {
        if (ssrc != null && ports.sharedPort() != 0) {
            return ports.sharedPort();
        }
        for (int port : ports.ownPorts()) {
            if (!index.portInUse(port)) {
                return port;
            }
        }
        return 0;
    }

    private static Rejection noFreePort(RtpPorts ports) {
        if (ports.ownPorts().isEmpty()) {
            return Rejection.invalid(
                    "the gateway has no RTP ports to give a track of its own ("
                            + ports.describe()
                            + "); bind the stream by its ssrc on the shared port");
        }
        return Rejection.conflict(
                "every RTP port of the gateway's own is bound ("
                        + ports.describe()
                        + "); bind the stream by its ssrc on the shared port, or unpublish a track");
    }

    private static Rejection checkPort(int port, Long ssrc, RtpPorts ports, RtpBindingIndex index) {
        if (ports.isShared(port)) {
            if (ssrc == null) {
                return Rejection.invalid(
                        "streams on the shared RTP port "
                                + port
                                + " are told apart by SSRC: give the stream's ssrc, or port 0"
                                + " for a port of its own");
            }
            if (index.isBound(port, ssrc)) {
                return Rejection.conflict(
                        "SSRC " + ssrc + " is already bound on the shared RTP port " + port);
            }
            return null;
        }
        if (!ports.isOwn(port)) {
            return Rejection.invalid(
                    "port "
                            + port
                            + " is not one of the gateway's RTP ports ("
                            + ports.describe()
                            + ")");
        }
        if (index.portInUse(port)) {
            return Rejection.conflict("RTP port " + port + " is already bound to another track");
        }
        return null;
    }
}
