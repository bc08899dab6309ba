package io.aircheck.capture.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * What the gateway counted, to tell where frames went: RTP packets it took, good audio it dropped
 * (backpressure, failed writes), and datagrams the kernel dropped on its RTP sockets because their
 * receive buffers were full (its receiving thread fell behind).
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
                sum(metrics, "aircheck_capture_rtp_kernel_drops "));
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
}
