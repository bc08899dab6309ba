package io.aircheck.capture.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The CPU this JVM spends, split into the gateway's and the rest (the load generator and the
 * latency probe, told apart by thread name). GC and JIT threads count as the gateway's: a
 * conservative split, as the generator allocates too.
 */
final class CpuMeter {
    /** A reading: process CPU and the CPU of the threads that are not the gateway's (ns). */
    record Reading(long processNanos, long othersNanos, long wallNanos) {}

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Predicate<String> notGateway;
    private final Map<Long, Long> lastByThread = new HashMap<>();
    private long othersTotal;

    CpuMeter(Predicate<String> notGateway) {
        this.notGateway = notGateway;
        threads.setThreadCpuTimeEnabled(true);
    }

    /**
     * Reads now. Threads that ended since the last reading lose their last slice, so it is read
     * often (every second).
     */
    synchronized Reading read() {
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || !notGateway.test(info.getThreadName())) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            Long before = lastByThread.put(info.getThreadId(), cpu);
            othersTotal += cpu - (before == null ? 0 : before);
        }
        return new Reading(os.getProcessCpuTime(), othersTotal, System.nanoTime());
    }
}
