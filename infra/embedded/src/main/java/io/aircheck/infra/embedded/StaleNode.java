package io.aircheck.infra.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node left running on a data directory by a JVM that died without stopping it. The node's pid
 * file ({@code elasticsearch.pid}, written by the node) and the owner file ({@code
 * elasticsearch.owner}: the pid of the JVM that started it) tell an orphan, which is stopped, from
 * a node another live JVM still uses, which is an error.
 */
final class StaleNode {

    private static final Logger LOG = LoggerFactory.getLogger(StaleNode.class);

    private StaleNode() {}

    static void stopIfOrphaned(Path dataDir) {
        Path pidFile = dataDir.resolve("elasticsearch.pid");
        Optional<ProcessHandle> node =
                readPid(pidFile).flatMap(ProcessHandle::of).filter(StaleNode::isElasticsearch);
        if (node.isPresent()) {
            long nodePid = node.get().pid();
            Optional<Long> owner = readPid(dataDir.resolve("elasticsearch.owner"));
            boolean ownerAlive =
                    owner.filter(pid -> pid != ProcessHandle.current().pid())
                            .flatMap(ProcessHandle::of)
                            .map(ProcessHandle::isAlive)
                            .orElse(false);
            if (ownerAlive) {
                throw new EmbeddedServerException(
                        "Elasticsearch: data directory "
                                + dataDir
                                + " is in use by node pid "
                                + nodePid
                                + ", started by the running JVM pid "
                                + owner.get()
                                + "; stop that one first");
            }
            LOG.warn(
                    "Elasticsearch: stopping node pid {} left running on {} by JVM pid {}",
                    nodePid,
                    dataDir,
                    owner.orElse(-1L));
            stop(node.get());
        }
        Path lock = dataDir.resolve("data/node.lock");
        if (Files.exists(lock)) {
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
                FileLock held = channel.tryLock();
                if (held == null) {
                    throw new EmbeddedServerException(
                            "Elasticsearch: "
                                    + lock
                                    + " is locked by another process (a node not started by"
                                    + " aircheck?); stop it or use another data directory");
                }
                held.release();
            } catch (IOException e) {
                throw new EmbeddedServerException(
                        "Elasticsearch: cannot check " + lock + ": " + e, e);
            }
        }
    }

    private static void stop(ProcessHandle node) {
        node.destroy();
        try {
            node.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            node.destroyForcibly();
            try {
                node.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception again) {
                throw new EmbeddedServerException(
                        "Elasticsearch: stale node pid " + node.pid() + " does not die", again);
            }
        }
    }

    private static boolean isElasticsearch(ProcessHandle p) {
        return p.isAlive()
                && p.info().commandLine().map(c -> c.contains("org.elasticsearch")).orElse(false);
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Files.exists(file)
                    ? Optional.of(
                            Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
