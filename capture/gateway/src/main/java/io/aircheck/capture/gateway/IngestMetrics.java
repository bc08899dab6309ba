package io.aircheck.capture.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What the gateway accepted, refused, dropped and failed to write, and how full it is, in
 * Prometheus text form. Counters are created on first use; gauges read their value when scraped.
 */
final class IngestMetrics {
    static final String ACCEPTED = "aircheck_capture_accepted_total";
    static final String REJECTED = "aircheck_capture_rejected_total";
    static final String WRITE_FAILURES = "aircheck_capture_write_failures_total";
    static final String SUPPRESSED = "aircheck_capture_dead_letters_suppressed_total";
    static final String RTP_PACKETS = "aircheck_capture_rtp_packets_total";
    static final String RTP_LOST = "aircheck_capture_rtp_lost_packets_total";
    static final String DROPPED = "aircheck_capture_audio_dropped_total";
    static final String CLOCK_MARKS = "aircheck_capture_clock_marks_total";
    static final String IDLE_CLOSES = "aircheck_capture_idle_rooms_closed_total";

    private static final Map<String, String> HELP =
            Map.of(
                    ACCEPTED, "Records accepted and written, by topic.",
                    REJECTED,
                            "Records refused (sent to the .dlq topic, rate permitting), by source topic and reason code.",
                    WRITE_FAILURES, "Records Kafka did not acknowledge in time, by topic.",
                    SUPPRESSED,
                            "Refused records not written to the .dlq topic because of its rate limit (still counted as rejected).",
                    RTP_PACKETS,
                            "RTP datagrams received, by outcome (accepted, duplicate, late, refused, unbound, rtcp).",
                    RTP_LOST,
                            "RTP packets never received: gaps in a stream's sequence numbers (marked as discontinuities).",
                    DROPPED,
                            "Good audio not written, by source and reason (backpressure: the log is behind; log_unavailable: Kafka failed the write).",
                    CLOCK_MARKS, "CLOCK marks written into rooms with gateway-stamped tracks.",
                    IDLE_CLOSES,
                            "Rooms the gateway closed because no event or audio came for AIRCHECK_ROOM_IDLE_CLOSE.");

    private record Gauge(String help, LongSupplier value) {}

    private final Map<String, Map<String, LongAdder>> counters = new ConcurrentSkipListMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentSkipListMap<>();

    IngestMetrics(IntSupplier openRooms) {
        gauge("aircheck_capture_rooms_open", "Rooms currently open.", openRooms::getAsInt);
    }

    void gauge(String name, String help, LongSupplier value) {
        gauges.put(name, new Gauge(help, value));
    }

    void accepted(String topic) {
        count(ACCEPTED, label("topic", topic), 1);
    }

    void rejected(String topic, String reasonCode) {
        count(REJECTED, label("topic", topic) + "," + label("reason", reasonCode), 1);
    }

    void writeFailed(String topic) {
        count(WRITE_FAILURES, label("topic", topic), 1);
    }

    void deadLetterSuppressed(String topic) {
        count(SUPPRESSED, label("topic", topic), 1);
    }

    void rtpPacket(String outcome) {
        count(RTP_PACKETS, label("outcome", outcome), 1);
    }

    void rtpLost(long packets) {
        if (packets > 0) {
            count(RTP_LOST, "", packets);
        }
    }

    void dropped(String source, String reason) {
        count(DROPPED, label("source", source) + "," + label("reason", reason), 1);
    }

    void idleClose() {
        count(IDLE_CLOSES, "", 1);
    }

    void clockMark() {
        count(CLOCK_MARKS, "", 1);
    }

    long acceptedCount(String topic) {
        return value(ACCEPTED, label("topic", topic));
    }

    long rejectedCount(String topic, String reasonCode) {
        return value(REJECTED, label("topic", topic) + "," + label("reason", reasonCode));
    }

    /** Every series of a counter family by its labels (for /health). */
    Map<String, Long> series(String family) {
        Map<String, Long> out = new TreeMap<>();
        counters.getOrDefault(family, Map.of()).forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long value(String family, String labels) {
        LongAdder adder = counters.getOrDefault(family, Map.of()).get(labels);
        return adder == null ? 0 : adder.sum();
    }

    String prometheusText() {
        StringBuilder out = new StringBuilder();
        for (String family : HELP.keySet().stream().sorted().toList()) {
            out.append("# HELP ").append(family).append(' ').append(HELP.get(family)).append('\n');
            out.append("# TYPE ").append(family).append(" counter\n");
            for (Map.Entry<String, LongAdder> e :
                    new TreeMap<>(counters.getOrDefault(family, Map.of())).entrySet()) {
                out.append(family);
                if (!e.getKey().isEmpty()) {
                    out.append('{').append(e.getKey()).append('}');
                }
                out.append(' ').append(e.getValue().sum()).append('\n');
            }
        }
        for (Map.Entry<String, Gauge> e : gauges.entrySet()) {
            out.append("# HELP ")
                    .append(e.getKey())
                    .append(' ')
                    .append(e.getValue().help())
                    .append('\n');
            out.append("# TYPE ").append(e.getKey()).append(" gauge\n");
            out.append(e.getKey())
                    .append(' ')
                    .append(e.getValue().value().getAsLong())
                    .append('\n');
        }
        return out.toString();
    }

    private void count(String family, String labels, long n) {
        counters.computeIfAbsent(family, f -> new ConcurrentHashMap<>())
                .computeIfAbsent(labels, k -> new LongAdder())
                .add(n);
    }

    static String label(String name, String value) {
        return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
