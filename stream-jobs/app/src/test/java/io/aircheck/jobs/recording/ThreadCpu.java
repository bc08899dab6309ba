package io.aircheck.jobs.recording;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU time of this process's threads, grouped by name (numbers and ids folded). */
final class ThreadCpu {
    /**
     * The JIT compilers' group: the JVM's total compilation time (elapsed, summed over compiler
     * threads: an upper bound of their CPU on a busy machine).
     */
    static final String JIT = "(JVM) JIT compilation";

    private ThreadCpu() {}

    static Map<String, Double> byGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> groups = new HashMap<>();
        // the JVM's own threads are not Java threads: garbage collection (wall time of its
        // pauses and concurrent phases) and the JIT compilers (their CPU time)
        double gc = 0;
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += collector.getCollectionTime() / 1e3;
        }
        groups.put("(JVM) garbage collection, wall", gc);
        groups.put(JIT, ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3);
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                String name =
                        info.getThreadName()
                                .replaceAll("[0-9a-f]{6,}", "*")
                                .replaceAll("\\d+", "N");
                groups.merge(
                        name.length() > 90 ? name.substring(0, 90) : name, cpu / 1e9, Double::sum);
            }
        }
        return groups;
    }

    /** The groups' CPU between two samples, largest first (threads started since count whole). */
    static Map<String, Double> difference(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> diff = new HashMap<>();
        after.forEach((group, cpu) -> diff.put(group, cpu - before.getOrDefault(group, 0.0)));
        Map<String, Double> sorted = new LinkedHashMap<>();
        diff.entrySet().stream()
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
