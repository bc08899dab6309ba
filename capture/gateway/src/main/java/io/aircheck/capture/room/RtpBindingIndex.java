package io.aircheck.capture.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open room's RTP bindings, by port and SSRC, for the gateway's receiving thread to look up
 * while rooms change (thread-safe reads; changes come from applied events).
 */
final class RtpBindingIndex {
    private static final long ANY_SSRC = 1L << 32;

    private final Map<Long, RtpBinding> byPortAndSsrc = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> bindingsByPort = new ConcurrentHashMap<>();

    /** The binding a packet from {@code ssrc} on {@code port} belongs to, or null. */
    RtpBinding find(int port, long ssrc) {
        RtpBinding exact = byPortAndSsrc.get(key(port, ssrc));
        return exact != null ? exact : byPortAndSsrc.get(key(port, null));
    }

    /** Whether {@code ssrc} on {@code port} is bound (exactly, not through an any-SSRC port). */
    boolean isBound(int port, long ssrc) {
        return byPortAndSsrc.containsKey(key(port, ssrc));
    }

    boolean portInUse(int port) {
        return bindingsByPort.getOrDefault(port, 0) > 0;
    }

    void add(RtpBinding binding) {
        byPortAndSsrc.put(key(binding.port(), binding.ssrc()), binding);
        bindingsByPort.merge(binding.port(), 1, Integer::sum);
    }

    void remove(RtpBinding binding) {
        if (byPortAndSsrc.remove(key(binding.port(), binding.ssrc()), binding)) {
            bindingsByPort.computeIfPresent(binding.port(), (p, n) -> n <= 1 ? null : n - 1);
        }
    }

    List<RtpBinding> all() {
        return new ArrayList<>(byPortAndSsrc.values());
    }

    private static long key(int port, Long ssrc) {
        return ((long) port << 33) | (ssrc == null ? ANY_SSRC : ssrc);
    }
}
