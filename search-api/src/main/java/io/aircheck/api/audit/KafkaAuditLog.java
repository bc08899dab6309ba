package io.aircheck.api.audit;

import io.aircheck.config.KafkaSettings;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.WireHeaders;
import io.aircheck.protocol.v1.AuditEvent;
import io.aircheck.storage.audit.AuditLog;
import io.aircheck.storage.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AuditLog} on {@code archive.audit} (key = the actor, value = {@code AuditEvent}, with the
 * schema header): idempotent, {@code acks=all}. {@link #record} waits for the broker's
 * acknowledgement (actions that must not happen unrecorded; sent at once); {@link #recordLater}
 * hands the event to a second producer that batches for {@value #BATCH_LINGER_MS} ms and returns at
 * once (the producer retries for two minutes; what still fails is logged and counted, never
 * silently dropped).
 */
public final class KafkaAuditLog implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaAuditLog.class);
    private static final long ACK_WAIT_SECONDS = 15;

    /**
     * How long the producer of {@link #recordLater} events waits to batch them (nobody waits for
     * those): one produce request for every ~50 ms of searches instead of one per few events.
     */
    static final int BATCH_LINGER_MS = 50;

    /** {@link #record} events go out at once: the request is waiting for their acknowledgement. */
    static final int ACKNOWLEDGED_LINGER_MS = 0;

    /** {@link #record}: sent at once, the request waits for the acknowledgement. */
    private final KafkaProducer<byte[], byte[]> acknowledged;

    /** {@link #recordLater}: batched. */
    private final KafkaProducer<byte[], byte[]> batched;

    private final String topic;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    static final int BACKLOG = 20_000;
    private final java.util.concurrent.ThreadPoolExecutor sender =
            new java.util.concurrent.ThreadPoolExecutor(
                    1,
                    1,
                    0,
                    TimeUnit.MILLISECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>(BACKLOG),
                    r -> {
                        Thread t = new Thread(r, "audit-log-sender");
                        t.setDaemon(true);
                        return t;
                    });

    public KafkaAuditLog(KafkaSettings kafka, String topic) {
        this.acknowledged = producer(kafka, ACKNOWLEDGED_LINGER_MS, "search-api-audit");
        this.batched = producer(kafka, BATCH_LINGER_MS, "search-api-audit-batched");
        this.topic = topic;
    }

    private static KafkaProducer<byte[], byte[]> producer(
            KafkaSettings kafka, int lingerMs, String clientId) {
        return new KafkaProducer<>(
                producerSettings(kafka, lingerMs, clientId),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Either producer's settings: idempotent, {@code acks=all}; they differ in the linger. */
    static Properties producerSettings(KafkaSettings kafka, int lingerMs, String clientId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", Integer.toString(lingerMs));
        p.put("max.block.ms", "10000");
        p.put("request.timeout.ms", "10000");
        p.put("delivery.timeout.ms", "120000");
        p.put("client.id", clientId);
        return p;
    }

    public KafkaAuditLog(KafkaSettings kafka) {
        this(kafka, Topics.ARCHIVE_AUDIT);
    }

    /**
     * Checks at start-up that the cluster answers, and creates {@code topic} if it is missing (kept
     * forever, like every topic of the log): search-api records every access there, so it does not
     * serve without it.
     *
     * @throws IllegalStateException naming the setting to fix
     */
    public static void requireReachable(KafkaSettings kafka, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("client.id", "search-api-audit-check");
        p.put("request.timeout.ms", "5000");
        p.put("default.api.timeout.ms", "5000");
        try (org.apache.kafka.clients.admin.Admin admin =
                org.apache.kafka.clients.admin.Admin.create(p)) {
            if (!admin.listTopics().names().get(8, TimeUnit.SECONDS).contains(topic)) {
                try {
                    admin.createTopics(
                                    java.util.List.of(
                                            new org.apache.kafka.clients.admin.NewTopic(
                                                            topic,
                                                            java.util.Optional.empty(),
                                                            java.util.Optional.empty())
                                                    .configs(
                                                            java.util.Map.of(
                                                                    "retention.ms", "-1"))))
                            .all()
                            .get(8, TimeUnit.SECONDS);
                    LOG.info("created topic {}", topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause()
                            instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot reach Kafka at "
                            + KafkaSettings.BOOTSTRAP.env()
                            + "="
                            + kafka.bootstrapServers()
                            + ": search-api records every access on "
                            + topic
                            + " and does not serve without it ("
                            + rootMessage(e)
                            + ")",
                    e);
        }
    }

    @Override
    public void record(AuditRecord record) {
        try {
            acknowledged.send(toRecord(record)).get(ACK_WAIT_SECONDS, TimeUnit.SECONDS);
            recorded.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditLogException(
                    "interrupted while recording " + record.action() + " by " + record.actor(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failed.incrementAndGet();
            throw new AuditLogException(
                    "cannot record "
                            + record.action()
                            + " by "
                            + record.actor()
                            + " on "
                            + topic
                            + ": "
                            + rootMessage(e),
                    e);
        }
    }

    /**
     * Hands the event to a sender thread and returns at once, whatever Kafka's state: the request
     * thread never waits (KafkaProducer.send itself blocks while the topic's metadata is unknown,
     * e.g. when the broker is down). A failure is logged with the whole event and counted; so is an
     * event refused because {@value #BACKLOG} are already waiting.
     */
    public void recordLater(AuditRecord record) {
        try {
            sender.execute(() -> send(record));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            failed.incrementAndGet();
            LOG.error(
                    "audit event NOT recorded on {} ({} events already waiting): {}",
                    topic,
                    BACKLOG,
                    record.canonical());
        }
    }

    private void send(AuditRecord record) {
        try {
            batched.send(
                    toRecord(record),
                    (metadata, error) -> {
                        if (error == null) {
                            recorded.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            LOG.error(
                                    "audit event NOT recorded on {}: {} ({})",
                                    topic,
                                    record.canonical(),
                                    rootMessage(error));
                        }
                    });
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.error(
                    "audit event NOT recorded on {}: {} ({})",
                    topic,
                    record.canonical(),
                    rootMessage(e));
        }
    }

    public long recordedCount() {
        return recorded.get();
    }

    public long failedCount() {
        return failed.get();
    }

    private ProducerRecord<byte[], byte[]> toRecord(AuditRecord record) {
        ProducerRecord<byte[], byte[]> r =
                new ProducerRecord<>(
                        topic,
                        record.actor().getBytes(StandardCharsets.UTF_8),
                        record.toEvent().toByteArray());
        r.headers()
                .add(
                        WireHeaders.SCHEMA,
                        AuditEvent.getDescriptor().getFullName().getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.error(
                        "{} audit events still waiting at shutdown were NOT recorded",
                        sender.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        batched.close(java.time.Duration.ofSeconds(10));
        acknowledged.close(java.time.Duration.ofSeconds(10));
        LOG.info("audit log closed: {} events recorded, {} failed", recorded.get(), failed.get());
    }
}
