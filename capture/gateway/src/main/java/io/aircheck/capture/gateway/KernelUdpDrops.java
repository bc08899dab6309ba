package io.aircheck.capture.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Datagrams the kernel dropped on the gateway's RTP sockets because their receive buffers were full
 * (the receiving thread fell behind: UDP cannot push back on a sender). Linux reports them per
 * socket in {@code /proc/net/udp} and {@code /proc/net/udp6} (the {@code drops} column); elsewhere
 * they are unknown (-1).
 */
final class KernelUdpDrops {
    private static final Path[] TABLES = {Path.of("/proc/net/udp"), Path.of("/proc/net/udp6")};

    private final Set<Integer> ports;

    KernelUdpDrops(Set<Integer> ports) {
        this.ports = Set.copyOf(ports);
    }

    /** Drops on the sockets bound to the ports, since they were opened; -1 when unknown. */
    long total() {
        long total = 0;
        boolean readable = false;
        for (Path table : TABLES) {
            String text;
            try {
                text = Files.readString(table);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            readable = true;
            total += sum(text, ports);
        }
        return readable ? total : -1;
    }

    /** The drops column of the rows whose local port is one of {@code ports}. Pure. */
    static long sum(String table, Set<Integer> ports) {
        long total = 0;
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].trim().split("\\s+");
            if (fields.length < 13) {
                continue;
            }
            String local = fields[1];
            int colon = local.lastIndexOf(':');
            try {
                int port = Integer.parseInt(local.substring(colon + 1), 16);
                if (ports.contains(port)) {
                    total += Long.parseLong(fields[fields.length - 1]);
                }
            } catch (NumberFormatException e) {
                // not a socket row
            }
        }
        return total;
    }
}
