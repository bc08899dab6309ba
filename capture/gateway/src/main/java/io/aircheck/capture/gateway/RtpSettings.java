package io.aircheck.capture.gateway;

import io.aircheck.config.EnvReader;
import io.aircheck.config.Setting;
import java.time.Duration;
import java.util.List;

/**
 * Where the gateway takes RTP/Opus over UDP: a shared port (streams bound by SSRC), ports a track
 * gets to itself (any SSRC), and how long a packet after a gap waits for it to fill.
 *
 * @param sharedPort the shared port; 0 = a free one; -1 = none
 * @param ownFirst first port of the own range (RTP on even ports, RTCP on the odd one above), or 0
 * @param ownLast last port of the own range, or 0
 * @param ownCount with no range: this many ports picked by the system (tests)
 */
public record RtpSettings(
        int sharedPort, int ownFirst, int ownLast, int ownCount, Duration reorderHold) {

    public static final Setting<Integer> PORT =
            new Setting<>(
                    "AIRCHECK_RTP_PORT",
                    "5004",
                    "UDP port for RTP/Opus streams bound by SSRC (RTCP on the port above it); 0 picks a free one, off takes none.",
                    RtpSettings::parseSharedPort);
    public static final Setting<String> PORTS =
            Setting.string(
                    "AIRCHECK_RTP_PORTS",
                    "",
                    "UDP ports a bound RTP stream gets to itself (any SSRC): a range like 40000-40099 (RTP on the even ports, RTCP on the odd ones), or a count of ports the system picks; empty: none.");
    public static final Setting<Duration> REORDER_HOLD =
            Setting.duration(
                    "AIRCHECK_RTP_JITTER",
                    "100ms",
                    "How long an RTP packet that follows a gap waits for the gap to fill (reordering) before the gap is marked as lost; also the delay before a stream's first frame.");

    public static final List<Setting<?>> SETTINGS = List.of(PORT, PORTS, REORDER_HOLD);

    static RtpSettings read(EnvReader env) {
        Integer shared = env.get(PORT);
        String ports = env.get(PORTS);
        int first = 0;
        int last = 0;
        int count = 0;
        if (ports != null && !ports.isBlank()) {
            String text = ports.trim();
            try {
                int dash = text.indexOf('-');
                if (dash > 0) {
                    first = Integer.parseInt(text.substring(0, dash).trim());
                    last = Integer.parseInt(text.substring(dash + 1).trim());
                    if (first < 1024 || last > 65534 || last <= first) {
                        env.problem(
                                PORTS.env() + "=" + text + ": a range within 1024-65534, low-high");
                    }
                } else {
                    count = Integer.parseInt(text);
                    if (count < 1 || count > 1000) {
                        env.problem(PORTS.env() + "=" + text + ": a count must be 1-1000");
                    }
                }
            } catch (NumberFormatException e) {
                env.problem(PORTS.env() + "=" + text + ": not a range (40000-40099) or a count");
            }
        }
        Duration hold = env.get(REORDER_HOLD);
        if (hold != null && (hold.toMillis() < 0 || hold.toMillis() > 2000)) {
            env.problem(REORDER_HOLD.env() + "=" + hold + ": at most 2s");
        }
        if (shared != null && shared > 0 && first > 0 && shared >= first && shared <= last + 1) {
            env.problem(PORT.env() + "=" + shared + " lies in " + PORTS.env() + "=" + ports);
        }
        return new RtpSettings(
                shared == null ? -1 : shared,
                first,
                last,
                count,
                hold == null ? Duration.ZERO : hold);
    }

    /** Whether any RTP port is configured. */
    boolean enabled() {
        return sharedPort >= 0 || ownFirst > 0 || ownCount > 0;
    }

    /** The same settings with every port picked by the system (tests, the embedded stack). */
    public RtpSettings withFreePorts(int ownPorts) {
        return new RtpSettings(0, 0, 0, ownPorts, reorderHold);
    }

    private static Integer parseSharedPort(String text) {
        String v = text.trim();
        if (v.equalsIgnoreCase("off")) {
            return -1;
        }
        int port = Integer.parseInt(v);
        if (port < 0 || port > 65534) {
            throw new IllegalArgumentException("not a port (0-65534) or off: " + text);
        }
        return port;
    }
}
