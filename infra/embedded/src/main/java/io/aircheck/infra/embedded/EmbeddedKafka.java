package io.aircheck.infra.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft Kafka broker and controller (node 1) in this JVM, bound to 127.0.0.1.
 *
 * <p>{@code dataDir} holds {@code cluster.id} and the log directory {@code kraft/}; it is formatted
 * once and reused, so a restart on the same directory keeps every topic and record. Records are
 * kept forever by default ({@code log.retention.ms=-1}): the archive's topics carry old event
 * times.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private Admin admin;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * KRaft broker+controller in-process; logs under dataDir (formatted once, reused on restart);
     * port 0 = pick a free one.
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        long began = System.nanoTime();
        Path dir = dataDir.toAbsolutePath();
        int brokerPort = LoopbackPorts.resolve("Kafka", port);
        int controllerPort = LoopbackPorts.free();
        Path logDir = dir.resolve("kraft");
        String clusterId = formatOnce(dir, logDir);

        KafkaRaftServer server =
                new KafkaRaftServer(
                        KafkaConfig.fromProps(
                                KafkaBrokerConfig.properties(
                                        logDir, brokerPort, controllerPort, READY_TIMEOUT),
                                false),
                        Time.SYSTEM);
        EmbeddedKafka kafka = new EmbeddedKafka(server, dir, brokerPort);
        try {
            server.startup();
            kafka.awaitReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw new EmbeddedServerException(
                    "Kafka: broker on "
                            + kafka.bootstrapServers()
                            + " with data in "
                            + dir
                            + " did not start: "
                            + e.getMessage(),
                    e);
        }
        LOG.info(
                "Kafka up at {} (cluster {}, data {}) in {} ms",
                kafka.bootstrapServers(),
                clusterId,
                dir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        return kafka;
    }

    public String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + port;
    }

    /**
     * Idempotent: creates missing topics with the given partitions, replication 1, archive
     * retention (retention.ms=-1, retention.bytes=-1).
     */
    public void createTopics(Collection<String> topics, int partitions) {
        try {
            Set<String> existing =
                    admin().listTopics().names().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Set.copyOf(topics)) {
                if (!existing.contains(topic)) {
                    missing.add(
                            new NewTopic(topic, partitions, (short) 1)
                                    .configs(
                                            Map.of(
                                                    TopicConfig.RETENTION_MS_CONFIG, "-1",
                                                    TopicConfig.RETENTION_BYTES_CONFIG, "-1")));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (var result : admin().createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // created concurrently by someone else: that is fine
                    }
                }
            }
            LOG.info(
                    "Kafka: created topics {} ({} partitions)",
                    missing.stream().map(NewTopic::name).toList(),
                    partitions);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new EmbeddedServerException(
                    "Kafka at "
                            + bootstrapServers()
                            + ": creating topics "
                            + topics
                            + " failed: "
                            + cause,
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException(
                    "Kafka: interrupted while creating topics " + topics, e);
        }
    }

    /** Clean shutdown, releases ports and locks. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long began = System.nanoTime();
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        server.shutdown();
        server.awaitShutdown();
        LOG.info(
                "Kafka at {} (data {}) stopped in {} ms",
                bootstrapServers(),
                dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("Kafka at " + bootstrapServers() + " is closed");
        }
        if (admin == null) {
            admin =
                    Admin.create(
                            Map.of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    bootstrapServers(),
                                    AdminClientConfig.CLIENT_ID_CONFIG,
                                    "aircheck-embedded-kafka",
                                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                    (int) ADMIN_TIMEOUT.toMillis()));
        }
        return admin;
    }

    /** Created topics reach the broker's metadata a moment after the controller reports success. */
    private void awaitVisible(List<String> created)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (!admin().listTopics()
                .names()
                .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .containsAll(created)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "topics " + created + " not visible after " + ADMIN_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private void awaitReady() {
        try {
            int nodes =
                    admin().describeCluster()
                            .nodes()
                            .get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                            .size();
            if (nodes != 1) {
                throw new IllegalStateException("expected 1 broker, the cluster reports " + nodes);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "no answer to describeCluster within " + READY_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    /**
     * Formats the log directory on first use; the cluster id lives in {@code cluster.id} beside it.
     */
    private static String formatOnce(Path dir, Path logDir) {
        Path idFile = dir.resolve("cluster.id");
        try {
            Files.createDirectories(dir);
            String clusterId =
                    Files.exists(idFile)
                            ? Files.readString(idFile, StandardCharsets.UTF_8).strip()
                            : Uuid.randomUuid().toString();
            if (!Files.exists(idFile)) {
                Files.writeString(idFile, clusterId + "\n", StandardCharsets.UTF_8);
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                new Formatter()
                        .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
                        .setNodeId(KafkaBrokerConfig.NODE_ID)
                        .setClusterId(clusterId)
                        .setDirectories(List.of(logDir.toString()))
                        .setMetadataLogDirectory(logDir.toString())
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .setControllerListenerName(KafkaBrokerConfig.CONTROLLER_LISTENER)
                        .run();
                LOG.debug(
                        "Kafka: formatted {}: {}",
                        logDir,
                        out.toString(StandardCharsets.UTF_8).strip());
            }
            return clusterId;
        } catch (Exception e) {
            throw new EmbeddedServerException(
                    "Kafka: cannot format the log directory " + logDir + ": " + e.getMessage(), e);
        }
    }
}
