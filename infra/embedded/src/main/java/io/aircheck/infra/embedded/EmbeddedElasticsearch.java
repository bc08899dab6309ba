package io.aircheck.infra.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch node (the {@code integ-test-zip} distribution, with the aircheck analysis
 * plugin) run as a supervised child process: single-node discovery, HTTP and transport on
 * 127.0.0.1, security off, a 256 MiB heap.
 *
 * <p>{@code dataDir} holds the node's config, data, logs and temp files, so a restart keeps every
 * index. The distribution is unpacked once into a home folder beside it (shareable between nodes).
 * When this JVM runs as root, the node runs as uid 65534 (Elasticsearch refuses root). The node's
 * output goes to the SLF4J logger {@code elasticsearch} at DEBUG. It stops on {@link #close()}, at
 * JVM shutdown, and when this JVM dies (its stdin pipe closes).
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedElasticsearch.class);
    private static final Logger NODE_OUTPUT = LoggerFactory.getLogger("elasticsearch");
    private static final Pattern STATUS =
            Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow|red)\"");

    private final Path dataDir;
    private final URI url;
    private final SupervisedProcess process;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedElasticsearch(Path dataDir, URI url, SupervisedProcess process) {
        this.dataDir = dataDir;
        this.url = url;
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "stop-elasticsearch-" + url.getPort());
    }

    /**
     * A real Elasticsearch 8.19.21 node, single-node discovery, bound to 127.0.0.1, data under
     * dataDir (persistent across restarts); httpPort 0 = free port. The home folder is {@code
     * elasticsearch-home-VERSION} beside dataDir.
     */
    public static EmbeddedElasticsearch start(Path dataDir, int httpPort) {
        Path dir = dataDir.toAbsolutePath();
        Path parent = dir.getParent() != null ? dir.getParent() : dir;
        return start(
                dir,
                httpPort,
                parent.resolve(
                        "elasticsearch-home-" + ElasticsearchDistribution.locate().version()));
    }

    /**
     * As {@link #start(Path, int)}, with the distribution unpacked into (or reused from) {@code
     * homeDir}.
     */
    public static EmbeddedElasticsearch start(Path dataDir, int httpPort, Path homeDir) {
        return start(dataDir, httpPort, homeDir, ElasticsearchConfig.HEAP);
    }

    /**
     * As {@link #start(Path, int)}, with a heap of {@code heap} (e.g. {@code 512m}, {@code 2g}).
     */
    public static EmbeddedElasticsearch start(Path dataDir, int httpPort, String heap) {
        Path dir = dataDir.toAbsolutePath();
        Path parent = dir.getParent() != null ? dir.getParent() : dir;
        return start(
                dir,
                httpPort,
                parent.resolve(
                        "elasticsearch-home-" + ElasticsearchDistribution.locate().version()),
                heap);
    }

    /** As {@link #start(Path, int, Path)}, with a heap of {@code heap}. */
    public static EmbeddedElasticsearch start(
            Path dataDir, int httpPort, Path homeDir, String heap) {
        long began = System.nanoTime();
        Path dir = dataDir.toAbsolutePath();
        Path home = homeDir.toAbsolutePath();
        ElasticsearchDistribution distribution = ElasticsearchDistribution.locate();
        boolean asNobody = UnprivilegedUser.currentIsRoot();
        ElasticsearchHome.prepare(distribution, home, asNobody);

        int port = LoopbackPorts.resolve("Elasticsearch HTTP", httpPort);
        URI url = URI.create("http://" + LoopbackPorts.HOST + ":" + port);
        SupervisedProcess process;
        try {
            for (String sub : List.of("config", "data", "logs", "tmp")) {
                Files.createDirectories(dir.resolve(sub));
            }
            StaleNode.stopIfOrphaned(dir);
            ElasticsearchConfig.write(home, dir, port, LoopbackPorts.free(), heap);
            Files.writeString(
                    dir.resolve("elasticsearch.owner"), ProcessHandle.current().pid() + "\n");
            if (asNobody) {
                UnprivilegedUser.ensureTraversable(dir);
                UnprivilegedUser.handOver(dir);
            }
            process =
                    SupervisedProcess.start(
                            asNobody ? UnprivilegedUser.commandPrefix() : List.of(),
                            List.of(
                                    home.resolve("bin/elasticsearch").toString(),
                                    "-p",
                                    dir.resolve("elasticsearch.pid").toString()),
                            dir,
                            environment(home, dir),
                            NODE_OUTPUT);
        } catch (IOException e) {
            throw new EmbeddedServerException(
                    "Elasticsearch: cannot start a node on port "
                            + port
                            + " with data in "
                            + dir
                            + ": "
                            + e,
                    e);
        }
        EmbeddedElasticsearch node = new EmbeddedElasticsearch(dir, url, process);
        Runtime.getRuntime().addShutdownHook(node.shutdownHook);
        try {
            node.awaitReady(began + START_TIMEOUT.toNanos());
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        LOG.info(
                "Elasticsearch {} up at {} (data {}, pid {}) in {} ms",
                distribution.version(),
                url,
                dir,
                process.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        return node;
    }

    /**
     * For an owner that stops its servers in its own order on shutdown: drops the JVM shutdown hook
     * that would otherwise stop the node at the same time as everything else. The node still stops
     * when this JVM dies without closing it (it watches the pipe on its stdin).
     */
    public EmbeddedElasticsearch withoutShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // too late to matter
        }
        return this;
    }

    /** http://127.0.0.1:PORT */
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it finds the node stopped
        }
    }

    /** The resident memory of the node's processes (launcher and server JVMs), in bytes. */
    long residentSetBytes() {
        return process.residentSetBytes();
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        long began = System.nanoTime();
        process.stop(STOP_GRACE);
        try {
            Files.deleteIfExists(dataDir.resolve("elasticsearch.owner"));
        } catch (IOException e) {
            LOG.debug("cannot delete the owner file in {}", dataDir, e);
        }
        LOG.info(
                "Elasticsearch at {} (data {}) stopped in {} ms",
                url,
                dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private void awaitReady(long deadlineNanos) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health =
                HttpRequest.newBuilder(
                                url.resolve("/_cluster/health?wait_for_status=yellow&timeout=2s"))
                        .timeout(Duration.ofSeconds(10))
                        .build();
        String last = "no answer yet";
        while (System.nanoTime() < deadlineNanos) {
            if (!process.isAlive()) {
                throw failure("the node exited before it was ready");
            }
            try {
                HttpResponse<String> response =
                        http.send(
                                health, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                Matcher status = STATUS.matcher(response.body());
                if (response.statusCode() == 200
                        && status.find()
                        && !"red".equals(status.group(1))) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for the node");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for the node");
            }
        }
        throw failure(
                "not ready (cluster health yellow) within "
                        + START_TIMEOUT.toSeconds()
                        + " s; last answer: "
                        + last);
    }

    private EmbeddedServerException failure(String why) {
        String tail = process.tail();
        if (tail.isBlank()) {
            tail = logTail();
        }
        return new EmbeddedServerException(
                "Elasticsearch on port "
                        + url.getPort()
                        + " with data in "
                        + dataDir
                        + ": "
                        + why
                        + ". Last output of the node:\n"
                        + tail);
    }

    private String logTail() {
        Path log = dataDir.resolve("logs").resolve(ElasticsearchConfig.CLUSTER_NAME + ".log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output, and no log at " + log + ")";
        }
    }

    private static Map<String, String> environment(Path home, Path dir) {
        String path =
                System.getenv()
                        .getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        return Map.of(
                "PATH", path,
                "LANG", "C.UTF-8",
                "HOME", dir.resolve("tmp").toString(),
                "ES_JAVA_HOME", System.getProperty("java.home"),
                "ES_PATH_CONF", dir.resolve("config").toString(),
                "ES_TMPDIR", dir.resolve("tmp").toString(),
                // the launcher JVM idles once the server runs: C1 only, a small code cache (-18 MB
                // RSS)
                "CLI_JAVA_OPTS",
                        "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=8m");
    }
}
