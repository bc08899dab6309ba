package io.aircheck.capture.gateway;

import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.config.ConfigException;
import io.aircheck.protocol.Topics;
import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture gateway: rebuilds the rooms from {@code room.events}, then serves {@code POST
 * /v1/events}, the {@code /v1/audio} WebSocket, {@code /health} and {@code /metrics}, writing
 * through one idempotent Kafka producer. {@link #close()} stops taking input and flushes.
 */
public final class CaptureGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureGateway.class);
    static final Duration KAFKA_WAIT = Duration.ofSeconds(15);
    static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(2);
    static final List<String> TOPICS =
            List.of(
                    Topics.ROOM_EVENTS,
                    Topics.ROOM_AUDIO,
                    Topics.deadLetter(Topics.ROOM_EVENTS),
                    Topics.deadLetter(Topics.ROOM_AUDIO));

    private final CaptureConfig config;
    private final RoomRegistry registry;
    private final RecordSink sink;
    private final AutoCloseable kafkaAdmin;
    private final ScheduledExecutorService ticker;
    private final ExecutorService failureHandling;
    private final Javalin server;

    private CaptureGateway(
            CaptureConfig config,
            RoomRegistry registry,
            RecordSink sink,
            Supplier<String> kafkaProblem,
            AutoCloseable kafkaAdmin,
            LongSupplier clockUs) {
        this.config = config;
        this.registry = registry;
        this.sink = sink;
        this.kafkaAdmin = kafkaAdmin;
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("capture-gateway-acks"));
        this.failureHandling =
                Executors.newSingleThreadExecutor(daemon("capture-gateway-failures"));
        RoomLocks locks = new RoomLocks();
        RoomLogWriter writer = new RoomLogWriter(sink);
        IngestMetrics metrics = new IngestMetrics(registry::openRoomCount);
        EventIngest eventIngest =
                new EventIngest(registry, locks, writer, metrics, clockUs, config.writeTimeout());
        FrameIngest frameIngest =
                new FrameIngest(registry, locks, writer, metrics, failureHandling);
        EventsController events = new EventsController(config.credentials(), eventIngest);
        AudioSocket audio = new AudioSocket(config.credentials(), frameIngest);
        OpsController ops = new OpsController(kafkaProblem, registry, metrics, audio);
        try {
            this.server = HttpServer.start(config, events, audio, ops);
        } catch (RuntimeException e) {
            stopWorkers();
            throw new GatewayStartException(
                    "cannot listen on "
                            + config.host()
                            + ":"
                            + config.port()
                            + " ("
                            + CaptureConfig.HOST.env()
                            + "/"
                            + CaptureConfig.PORT.env()
                            + "): "
                            + e.getMessage(),
                    e);
        }
        ticker.scheduleWithFixedDelay(
                audio::flushNotices,
                AudioSocket.ACK_INTERVAL_MS,
                AudioSocket.ACK_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a gateway on the configured Kafka: checks it is reachable and has the topics (waiting
     * at most 15 s), rebuilds the rooms from {@code room.events}, then listens.
     *
     * @throws GatewayStartException when it cannot, with a message naming the setting to fix
     */
    public static CaptureGateway start(CaptureConfig config) {
        return start(config, CaptureGateway::wallClockUs);
    }

    /**
     * As {@link #start(CaptureConfig)}, with the clock (µs) that stamps events sent without one.
     */
    static CaptureGateway start(CaptureConfig config, LongSupplier clockUs) {
        return start(config, clockUs, KAFKA_WAIT);
    }

    static CaptureGateway start(CaptureConfig config, LongSupplier clockUs, Duration kafkaWait) {
        String bootstrap = config.kafka().bootstrapServers();
        KafkaReachability kafka = new KafkaReachability(bootstrap);
        RecordSink sink = null;
        try {
            kafka.require(kafkaWait, TOPICS);
            RoomRegistry registry = new RoomRegistry(config.maxFrameBytes());
            long replayed = RoomLogReplay.replay(bootstrap, registry, REPLAY_TIMEOUT);
            LOG.info(
                    "rebuilt rooms from {} events of {}; open: {}",
                    replayed,
                    Topics.ROOM_EVENTS,
                    registry.openRoomIds());
            sink =
                    new KafkaRecordSink(
                            bootstrap, config.writeTimeout(), config.producerBufferBytes());
            CaptureGateway gateway =
                    new CaptureGateway(
                            config,
                            registry,
                            sink,
                            () -> kafka.check(Duration.ofSeconds(2)),
                            kafka,
                            clockUs);
            LOG.info(
                    "capture gateway listening on {} (Kafka {}, sources {})",
                    gateway.baseUrl(),
                    bootstrap,
                    config.credentials().names());
            return gateway;
        } catch (RuntimeException e) {
            if (sink != null) {
                sink.close();
            }
            kafka.close();
            throw e;
        }
    }

    /** A gateway writing to {@code sink} instead of Kafka (functional tests of the adapters). */
    static CaptureGateway serve(
            CaptureConfig config,
            RoomRegistry registry,
            RecordSink sink,
            Supplier<String> kafkaProblem,
            LongSupplier clockUs) {
        return new CaptureGateway(config, registry, sink, kafkaProblem, () -> {}, clockUs);
    }

    public int port() {
        return server.port();
    }

    /** e.g. {@code http://127.0.0.1:8090}. */
    public String baseUrl() {
        return "http://" + config.host() + ":" + port();
    }

    public int openRooms() {
        return registry.openRoomCount();
    }

    /** Stops listening, then flushes and closes the producer. */
    @Override
    public void close() {
        server.stop();
        stopWorkers();
        LOG.info("capture gateway stopped");
    }

    private void stopWorkers() {
        ticker.shutdownNow();
        sink.flush();
        sink.close();
        failureHandling.shutdown();
        try {
            kafkaAdmin.close();
        } catch (Exception e) {
            LOG.debug("closing the Kafka admin client failed", e);
        }
    }

    static long wallClockUs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Runs the gateway from the environment (see the README's table) until the JVM stops. */
    public static void main(String[] args) {
        CaptureConfig config;
        try {
            config = CaptureConfig.fromEnv(System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            CaptureGateway gateway = start(config);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(gateway::close, "capture-gateway-stop"));
        } catch (GatewayStartException e) {
            System.err.println("capture gateway: " + e.getMessage());
            System.exit(1);
        }
    }
}
