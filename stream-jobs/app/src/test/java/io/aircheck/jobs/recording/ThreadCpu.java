package io.aircheck.jobs.recording;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** CPU time of this process's threads, grouped by name (numbers and ids folded). */
final class ThreadCpu {
    /**
     * The JIT compilers' group: the CPU time of the JVM's compiler threads (Linux: {@code
     * /proc/self/task}; a compiler thread the JVM retires takes its time with it, so this may
     * understate, never overstate, the compilers' share).
     */
    static final String JIT = "(JVM) JIT compilation";

    static final String GC = "(JVM) garbage collection";

    private static final double CLOCK_TICKS_PER_SECOND = 100;

    private ThreadCpu() {}

    static Map<String, Double> byGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // the JVM's own threads are not Java threads: their CPU time from /proc
        Map<String, Double> groups = new HashMap<>(jvmThreads());
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

    /** CPU seconds of the JIT compiler and garbage collector threads, from /proc/self/task. */
    private static Map<String, Double> jvmThreads() {
        Map<String, Double> groups = new HashMap<>();
        groups.put(JIT, 0.0);
        groups.put(GC, 0.0);
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                String[] fields = stat.substring(close + 2).split(" ");
                // fields from the state (3rd of proc(5)'s stat): utime is the 14th, stime the 15th
                double cpu =
                        (Long.parseLong(fields[11]) + Long.parseLong(fields[12]))
                                / CLOCK_TICKS_PER_SECOND;
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    groups.merge(JIT, cpu, Double::sum);
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    groups.merge(GC, cpu, Double::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            groups.put(JIT, 0.0); // not Linux: nothing subtracted
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
