package io.aircheck.capture.gateway;

import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.capture.room.RtpPorts;
import io.aircheck.config.ConfigException;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * /v1/events}, the RTP binding API, the audio WebSockets ({@code /v1/audio}, {@code
 * /v1/audio/pcm}), RTP/Opus over UDP, {@code /health} and {@code /metrics}, writing through one
 * idempotent Kafka producer. {@link #close()} stops taking input and flushes.
 */
public final class CaptureGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureGateway.class);
    static final Duration KAFKA_WAIT = Duration.ofSeconds(15);
    static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(2);
    static final long CREDENTIALS_RELOAD_MS = 2000;
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
    private final RtpSockets rtpSockets;
    private final ScheduledExecutorService ticker;
    private final ScheduledExecutorService idleSweep;
    private final ExecutorService failureHandling;
    private final Javalin server;
    private final RtpReceiver rtpReceiver;

    private CaptureGateway(
            CaptureConfig config,
            RoomRegistry registry,
            RecordSink sink,
            Supplier<String> kafkaProblem,
            AutoCloseable kafkaAdmin,
            RtpSockets rtpSockets,
            LongSupplier clockUs) {
        this.config = config;
        this.registry = registry;
        this.sink = sink;
        this.kafkaAdmin = kafkaAdmin;
        this.rtpSockets = rtpSockets;
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("capture-gateway-ticks"));
        // its writes wait for Kafka: not on the ticker, whose ticks must not wait
        this.idleSweep = Executors.newSingleThreadScheduledExecutor(daemon("capture-gateway-idle"));
        this.failureHandling =
                Executors.newSingleThreadExecutor(daemon("capture-gateway-failures"));
        CredentialStore credentials =
                config.credentialsFile() == null
                        ? CredentialStore.fixed(config.credentials())
                        : CredentialStore.watching(
                                config.credentials(),
                                config.credentialsFile(),
                                config.credentialsInline());
        RoomLocks locks = new RoomLocks();
        RoomLogWriter writer = new RoomLogWriter(sink);
        IngestMetrics metrics = new IngestMetrics(registry::openRoomCount);
        WriteBudget budget =
                new WriteBudget(config.producerBufferBytes() * 3L / 4, System::nanoTime);
        DeadLetters deadLetters =
                new DeadLetters(writer, metrics, config.deadLettersPerSecond(), System::nanoTime);
        FrameIngest frames =
                new FrameIngest(
                        registry, locks, writer, deadLetters, metrics, budget, failureHandling);
        EventIngest events =
                new EventIngest(
                        registry,
                        locks,
                        writer,
                        deadLetters,
                        frames,
                        metrics,
                        clockUs,
                        config.writeTimeout());
        AudioConnections connections = new AudioConnections();
        long holdUs = config.rtp().reorderHold().toNanos() / 1000;
        RtpIngest rtp = new RtpIngest(registry, frames, deadLetters, metrics, credentials, holdUs);
        registry.setRtpListener(rtp);
        events.setEndingTracks(
                (room, participant, track) -> {
                    List<AudioFrame> held = new ArrayList<>(rtp.drain(room, participant, track));
                    held.addAll(connections.drain(room, participant, track));
                    return held;
                });
        credentials.onRevoked(connections::revoked);
        PcmTracks pcm = new PcmTracks(registry, events, connections);
        AudioSocketServlet audio =
                new AudioSocketServlet(
                        credentials,
                        frames,
                        connections,
                        pcm,
                        registry,
                        clockUs,
                        config.maxFrameBytes());
        registerGauges(metrics, budget, connections, rtp);
        KernelUdpDrops kernelDrops =
                new KernelUdpDrops(
                        rtpSockets.sockets().stream()
                                .filter(socket -> !socket.rtcp())
                                .map(RtpSockets.Socket::port)
                                .collect(java.util.stream.Collectors.toSet()));
        metrics.gauge(
                "aircheck_capture_rtp_kernel_drops",
                "RTP datagrams the kernel dropped on the gateway's sockets (receive buffers full: the"
                        + " receiving thread fell behind) since they opened; -1: unknown on this system.",
                kernelDrops::total);
        OpsController ops =
                new OpsController(
                        kafkaProblem,
                        registry,
                        metrics,
                        connections,
                        budget,
                        rtp,
                        credentials,
                        kernelDrops);
        try {
            this.server =
                    HttpServer.start(
                            config,
                            new EventsController(credentials, events),
                            new RtpBindingsController(
                                    credentials,
                                    events,
                                    registry,
                                    rtp,
                                    deadLetters,
                                    metrics,
                                    config.host()),
                            audio,
                            ops);
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
        this.rtpReceiver = new RtpReceiver(rtpSockets, rtp, clockUs);
        ClockMarks clock =
                new ClockMarks(registry, locks, writer, metrics, clockUs, holdUs + 200_000);
        ticker.scheduleWithFixedDelay(
                quietly(connections::tick),
                AudioConnections.TICK_MS,
                AudioConnections.TICK_MS,
                TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(
                quietly(clock::tick),
                ClockMarks.INTERVAL_MS,
                ClockMarks.INTERVAL_MS,
                TimeUnit.MILLISECONDS);
        IdleRoomCloser idle =
                new IdleRoomCloser(registry, locks, events, metrics, clockUs, config.idleClose());
        long idleEveryMs = IdleRoomCloser.intervalMs(config.idleClose());
        idleSweep.scheduleWithFixedDelay(
                quietly(idle::tick), idleEveryMs, idleEveryMs, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(
                quietly(credentials::reload),
                CREDENTIALS_RELOAD_MS,
                CREDENTIALS_RELOAD_MS,
                TimeUnit.MILLISECONDS);
    }

    private static void registerGauges(
            IngestMetrics metrics,
            WriteBudget budget,
            AudioConnections connections,
            RtpIngest rtp) {
        metrics.gauge(
                "aircheck_capture_log_in_flight_bytes",
                "Bytes of audio handed to Kafka and not yet acknowledged.",
                budget::inFlightBytes);
        metrics.gauge(
                "aircheck_capture_log_budget_bytes",
                "The bound on those bytes; audio sources are pushed back beyond it.",
                budget::capacityBytes);
        metrics.gauge(
                "aircheck_capture_log_stalled_milliseconds",
                "How long Kafka has had writes in flight without acknowledging any (0: moving).",
                () -> budget.stalledNanos() / 1_000_000);
        metrics.gauge(
                "aircheck_capture_audio_connections", "Open audio WebSockets.", connections::count);
        metrics.gauge(
                "aircheck_capture_audio_connections_paused",
                "Audio WebSockets not being read (their frames wait for the log or their room).",
                connections::pausedCount);
        metrics.gauge(
                "aircheck_capture_pcm_connections",
                "Open raw PCM WebSockets.",
                connections::pcmCount);
        metrics.gauge(
                "aircheck_capture_rtp_frames_waiting",
                "RTP frames in reorder buffers and waiting for their room or the log.",
                rtp::waitingFrames);
    }

    /**
     * Starts a gateway on the configured Kafka: checks it is reachable and has the topics (waiting
     * at most 15 s), binds the RTP ports, rebuilds the rooms from {@code room.events}, then
     * listens.
     *
     * @throws GatewayStartException when it cannot, with a message naming the setting to fix
     */
    public static CaptureGateway start(CaptureConfig config) {
        return start(config, CaptureGateway::wallClockUs);
    }

    /**
     * As {@link #start(CaptureConfig)}, with the clock (µs) that stamps events sent without one and
     * gateway-stamped audio.
     */
    static CaptureGateway start(CaptureConfig config, LongSupplier clockUs) {
        return start(config, clockUs, KAFKA_WAIT);
    }

    static CaptureGateway start(CaptureConfig config, LongSupplier clockUs, Duration kafkaWait) {
        String bootstrap = config.kafka().bootstrapServers();
        KafkaReachability kafka = new KafkaReachability(bootstrap);
        RecordSink sink = null;
        RtpSockets sockets = null;
        try {
            kafka.require(kafkaWait, TOPICS);
            sockets = RtpSockets.open(config.host(), config.rtp());
            RoomRegistry registry =
                    new RoomRegistry(config.maxFrameBytes(), sockets.ports(), clockUs);
            long replayed = RoomLogReplay.replay(bootstrap, registry, REPLAY_TIMEOUT);
            registry.markRestored();
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
                            sockets,
                            clockUs);
            LOG.info(
                    "capture gateway listening on {} (RTP {}; Kafka {}, sources {})",
                    gateway.baseUrl(),
                    sockets.ports().describe(),
                    bootstrap,
                    config.credentials().names());
            return gateway;
        } catch (RuntimeException e) {
            if (sink != null) {
                sink.close();
            }
            if (sockets != null) {
                sockets.close();
            }
            kafka.close();
            throw e;
        }
    }

    /** A gateway writing to {@code sink} instead of Kafka (functional tests of the adapters). */
    static CaptureGateway serve(
            CaptureConfig config,
            RecordSink sink,
            Supplier<String> kafkaProblem,
            LongSupplier clockUs) {
        RtpSockets sockets = RtpSockets.open(config.host(), config.rtp());
        RoomRegistry registry = new RoomRegistry(config.maxFrameBytes(), sockets.ports(), clockUs);
        return new CaptureGateway(config, registry, sink, kafkaProblem, () -> {}, sockets, clockUs);
    }

    public int port() {
        return server.port();
    }

    /** e.g. {@code http://127.0.0.1:8090}. */
    public String baseUrl() {
        return "http://" + config.host() + ":" + port();
    }

    /** The UDP ports RTP is received on. */
    public RtpPorts rtpPorts() {
        return rtpSockets.ports();
    }

    public int openRooms() {
        return registry.openRoomCount();
    }

    /** Stops listening and receiving, then flushes and closes the producer. */
    @Override
    public void close() {
        server.stop();
        rtpReceiver.close();
        stopWorkers();
        LOG.info("capture gateway stopped");
    }

    private void stopWorkers() {
        idleSweep.shutdownNow();
        ticker.shutdownNow();
        rtpSockets.close();
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

    private static Runnable quietly(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("periodic task failed; carrying on", e);
            }
        };
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
