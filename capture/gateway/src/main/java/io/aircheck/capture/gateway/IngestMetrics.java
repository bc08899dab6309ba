package io.aircheck.capture.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** Counters of what the gateway accepted, refused and failed to write, in Prometheus text form. */
final class IngestMetrics {
    private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> writeFailures = new ConcurrentHashMap<>();
    private final IntSupplier openRooms;

    IngestMetrics(IntSupplier openRooms) {
        this.openRooms = openRooms;
    }

    void accepted(String topic) {
        count(accepted, label("topic", topic));
    }

    void rejected(String topic, String reasonCode) {
        count(rejected, label("topic", topic) + "," + label("reason", reasonCode));
    }

    void writeFailed(String topic) {
        count(writeFailures, label("topic", topic));
    }

    long acceptedCount(String topic) {
        LongAdder adder = accepted.get(label("topic", topic));
        return adder == null ? 0 : adder.sum();
    }

    long rejectedCount(String topic, String reasonCode) {
        LongAdder adder = rejected.get(label("topic", topic) + "," + label("reason", reasonCode));
        return adder == null ? 0 : adder.sum();
    }

    String prometheusText() {
        StringBuilder out = new StringBuilder();
        family(
                out,
                "aircheck_capture_accepted_total",
                "Records accepted and written, by topic.",
                accepted);
        family(
                out,
                "aircheck_capture_rejected_total",
                "Records refused (sent to the .dlq topic), by source topic and reason code.",
                rejected);
        family(
                out,
                "aircheck_capture_write_failures_total",
                "Accepted records Kafka did not acknowledge in time, by topic.",
                writeFailures);
        out.append("# HELP aircheck_capture_rooms_open Rooms currently open.\n")
                .append("# TYPE aircheck_capture_rooms_open gauge\n")
                .append("aircheck_capture_rooms_open ")
                .append(openRooms.getAsInt())
                .append('\n');
        return out.toString();
    }

    private static void family(
            StringBuilder out, String name, String help, Map<String, LongAdder> series) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(series).entrySet()) {
            out.append(name)
                    .append('{')
                    .append(e.getKey())
                    .append("} ")
                    .append(e.getValue().sum())
                    .append('\n');
        }
    }

    private static void count(Map<String, LongAdder> series, String labels) {
        series.computeIfAbsent(labels, k -> new LongAdder()).increment();
    }

    private static String label(String name, String value) {
        return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
