package io.aircheck.infra.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A child process whose tree dies with its supervisor. The command runs under a small bash wrapper
 * that holds this JVM's end of a pipe on its stdin: when the pipe closes (this JVM calls {@link
 * #stop}, exits, or is killed with -9) the wrapper sends SIGTERM to the command. Output (stdout and
 * stderr) goes line by line to a logger at DEBUG and the last lines are kept for error messages.
 */
final class SupervisedProcess {

    /** $@ is the command; fd 3 keeps the supervisor's pipe for the watcher. */
    private static final String WRAPPER =
            "exec 3<&0\n"
                    + "\"$@\" </dev/null 3<&- &\n"
                    + "child=$!\n"
                    + "trap 'kill -TERM \"$child\" 2>/dev/null' TERM INT HUP\n"
                    + "{ while read -r _; do :; done; kill -TERM \"$child\" 2>/dev/null; } <&3 &\n"
                    + "watcher=$!\n"
                    + "exec 3<&-\n"
                    + "wait \"$child\"; status=$?\n"
                    + "while kill -0 \"$child\" 2>/dev/null; do wait \"$child\"; status=$?; done\n"
                    + "kill \"$watcher\" 2>/dev/null\n"
                    + "exit $status\n";

    private static final int TAIL_LINES = 80;

    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();

    private SupervisedProcess(Process process, Logger output) {
        this.process = process;
        Thread pump =
                new Thread(() -> pump(output), "output-" + output.getName() + "-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts {@code prefix + bash wrapper + command} in {@code workDir} with exactly {@code env}.
     */
    static SupervisedProcess start(
            List<String> prefix,
            List<String> command,
            Path workDir,
            Map<String, String> env,
            Logger output)
            throws IOException {
        List<String> line = new ArrayList<>(prefix);
        line.addAll(List.of("/bin/bash", "-c", WRAPPER, "supervised"));
        line.addAll(command);
        ProcessBuilder builder =
                new ProcessBuilder(line).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        return new SupervisedProcess(builder.start(), output);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the process printed, oldest first. */
    String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /**
     * Asks the tree to stop (SIGTERM through the wrapper), waits up to {@code grace}, then kills
     * what is left; returns once every process of the tree is gone.
     */
    void stop(Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the pipe is gone already: the watcher has fired
        }
        process.destroy();
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : tree) {
            awaitExit(p, deadline);
        }
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        long killDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle p : tree) {
            awaitExit(p, killDeadline);
        }
    }

    /** The resident memory of the whole tree, in bytes (Linux: VmRSS from /proc). */
    long residentSetBytes() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        long total = 0;
        for (ProcessHandle p : tree) {
            try {
                for (String line :
                        Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        total += Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException gone) {
                // the process ended meanwhile
            }
        }
        return total;
    }

    private static void awaitExit(ProcessHandle p, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !p.isAlive()) {
            return;
        }
        try {
            p.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // still alive at the deadline: the caller kills it
        }
    }

    private void pump(Logger output) {
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.debug("{}", line);
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
        } catch (IOException e) {
            output.debug("output of pid {} ended: {}", process.pid(), e.toString());
        }
    }
}
