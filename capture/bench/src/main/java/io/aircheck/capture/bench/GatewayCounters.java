package io.aircheck.capture.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the gateway and the kernel counted, to tell where frames went: RTP packets the gateway took,
 * good audio it dropped (backpressure, failed writes), and datagrams the kernel dropped because the
 * gateway's socket buffer was full.
 */
record GatewayCounters(long rtpAccepted, long dropped, long writeFailures, long udpBufferErrors) {

    static GatewayCounters read(HttpClient http, URI gateway) {
        String metrics;
        try {
            metrics =
                    http.send(
                                    HttpRequest.newBuilder(gateway.resolve("/metrics")).build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
        } catch (Exception e) {
            metrics = "";
        }
        return new GatewayCounters(
                sum(metrics, "aircheck_capture_rtp_packets_total{outcome=\"accepted\"}"),
                sum(metrics, "aircheck_capture_audio_dropped_total{"),
                sum(metrics, "aircheck_capture_write_failures_total{"),
                udpReceiveBufferErrors());
    }

    GatewayCounters minus(GatewayCounters before) {
        return new GatewayCounters(
                rtpAccepted - before.rtpAccepted,
                dropped - before.dropped,
                writeFailures - before.writeFailures,
                udpBufferErrors - before.udpBufferErrors);
    }

    private static long sum(String metrics, String prefix) {
        long total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Linux: Udp RcvbufErrors in /proc/net/snmp (every process on the machine). */
    private static long udpReceiveBufferErrors() {
        try {
            String[] lines = Files.readString(Path.of("/proc/net/snmp")).split("\n");
            for (int i = 0; i + 1 < lines.length; i++) {
                if (lines[i].startsWith("Udp: ") && lines[i + 1].startsWith("Udp: ")) {
                    String[] names = lines[i].split(" ");
                    String[] values = lines[i + 1].split(" ");
                    for (int k = 0; k < names.length; k++) {
                        if (names[k].equals("RcvbufErrors")) {
                            return Long.parseLong(values[k]);
                        }
                    }
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return 0;
    }
}
