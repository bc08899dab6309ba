package io.aircheck.capture.bench;

import io.aircheck.capture.gateway.CaptureConfig;
import io.aircheck.capture.gateway.CaptureGateway;
import io.aircheck.capture.simulator.ClipLibrary;
import io.aircheck.capture.simulator.FrameCodec;
import io.aircheck.capture.simulator.RoomPlan;
import io.aircheck.capture.simulator.RoomSimulator;
import io.aircheck.capture.simulator.ScenarioGenerator;
import io.aircheck.capture.simulator.ScenarioPlayer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pushes simulated live speakers (each 50 frames a second, continuously, as an SFU forwards them)
 * through the capture gateway into a broker in its own process, in steps of more and more speakers,
 * and prints for each step the frames per second sent and read back, the send-to-log latency, the
 * CPU the gateway used, where frames went, and whether the step held in real time; then the most
 * speakers held and the gateway's frames per second per core. Not a test: run it by hand (see the
 * README).
 */
public final class CaptureBenchmark {
    static final String TOKEN = "aircheck-dev-ingest";

    /** Time for every room to open and every speaker to go on air. */
    static final int SETUP_SECONDS = 20;

    /** One step's figures. */
    record Step(
            int speakers,
            double sentPerSecond,
            double readPerSecond,
            long missing,
            double p50Ms,
            double p99Ms,
            double maxMs,
            double gatewayCores,
            double brokerCores,
            double loadCores,
            GatewayCounters counted,
            String verdict) {
        double framesPerGatewayCore() {
            return gatewayCores > 0 ? readPerSecond / gatewayCores : 0;
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArguments a = BenchArguments.parse(args);
        Path dir = Files.createTempDirectory("aircheck-capture-bench-");
        System.out.printf(
                Locale.ROOT,
                "capture benchmark: source %s, %d speakers a room, %d s a step (after %d s warm-up), real time ="
                        + " every frame sent on time and read back, p99 send-to-log latency <= %d ms; %d cores%n",
                a.source().name().toLowerCase(Locale.ROOT),
                a.perRoom(),
                a.seconds(),
                a.warmup(),
                a.p99BoundMs(),
                Runtime.getRuntime().availableProcessors());
        ClipLibrary clips =
                ClipLibrary.load(a.clips().isEmpty() ? List.of(speech(dir)) : a.clips());
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("kafka"), a.partitions())) {
            CaptureGateway gateway =
                    CaptureGateway.start(
                            CaptureConfig.fromEnv(
                                    Map.of(
                                            "AIRCHECK_KAFKA_BOOTSTRAP",
                                            broker.bootstrap(),
                                            "AIRCHECK_CAPTURE_PORT",
                                            "0",
                                            "AIRCHECK_RTP_PORT",
                                            "0",
                                            "AIRCHECK_CAPTURE_BUFFER_BYTES",
                                            Integer.toString(64 * 1024 * 1024))));
            CpuMeter cpu =
                    new CpuMeter(
                            name ->
                                    name.startsWith("simulator-")
                                            || name.startsWith("bench-")
                                            || name.startsWith("HttpClient-"));
            ScheduledExecutorService sampler =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "bench-cpu");
                                t.setDaemon(true);
                                return t;
                            });
            sampler.scheduleAtFixedRate(cpu::read, 1, 1, TimeUnit.SECONDS);
            List<Step> steps = new ArrayList<>();
            try (LatencyProbe probe = new LatencyProbe(broker.bootstrap())) {
                if (a.jitWarmupSpeakers() > 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "warming up the JVMs (JIT) with %d speakers, not measured...%n",
                            a.jitWarmupSpeakers());
                    step(a, a.jitWarmupSpeakers(), clips, gateway, probe, cpu, broker);
                }
                System.out.println(
                        " speakers | sent/s  | read/s  | missing | p50 ms | p99 ms | max ms | gateway cores |"
                                + " frames/s/core | broker cores | load cores | gw rtp/s | gw dropped | kernel udp drops | verdict");
                for (int speakers : a.steps()) {
                    Step step = step(a, speakers, clips, gateway, probe, cpu, broker);
                    steps.add(step);
                    print(step, a);
                    if (!step.verdict().equals("real time") && a.stopAtFirstMiss()) {
                        break;
                    }
                }
            } finally {
                sampler.shutdownNow();
                gateway.close();
            }
            summary(steps);
        }
    }

    static void print(Step step, BenchArguments a) {
        System.out.printf(
                Locale.ROOT,
                " %8d | %7.0f | %7.0f | %7d | %6.1f | %6.1f | %6.1f | %13.2f | %13.0f | %12.2f | %10.2f | %8.0f | %10d |"
                        + " %16d | %s%n",
                step.speakers(),
                step.sentPerSecond(),
                step.readPerSecond(),
                step.missing(),
                step.p50Ms(),
                step.p99Ms(),
                step.maxMs(),
                step.gatewayCores(),
                step.framesPerGatewayCore(),
                step.brokerCores(),
                step.loadCores(),
                step.counted().rtpAccepted() / (double) a.seconds(),
                step.counted().dropped() + step.counted().writeFailures(),
                step.counted().udpBufferErrors(),
                step.verdict());
    }

    static Step step(
            BenchArguments a,
            int speakers,
            ClipLibrary clips,
            CaptureGateway gateway,
            LatencyProbe probe,
            CpuMeter cpu,
            BrokerProcess broker)
            throws Exception {
        int rooms = (speakers + a.perRoom() - 1) / a.perRoom();
        int onAir = rooms * a.perRoom();
        long durationUs = (SETUP_SECONDS + a.warmup() + a.seconds() + 2) * 1_000_000L;
        List<RoomPlan> plans =
                ScenarioGenerator.generate(
                        new ScenarioGenerator.Settings(
                                rooms,
                                a.perRoom(),
                                0,
                                durationUs,
                                true,
                                speakers,
                                "bench-" + speakers + "-" + System.nanoTime() % 100_000),
                        clips.frameCounts());
        RoomSimulator.Options options = RoomSimulator.Options.defaults().withCodec(FrameCodec.OPUS);
        ScenarioPlayer player =
                new ScenarioPlayer(
                        URI.create(gateway.baseUrl()), TOKEN, clips, a.source(), options, probe, 2);
        int sendingBefore = probe.speakersSending();
        CompletableFuture<ScenarioPlayer.Result> playing =
                CompletableFuture.supplyAsync(() -> player.play(plans));
        long setupDeadline = System.nanoTime() + SETUP_SECONDS * 1_000_000_000L;
        while (probe.speakersSending() - sendingBefore < onAir
                && System.nanoTime() < setupDeadline
                && !playing.isDone()) {
            Thread.sleep(100);
        }
        boolean allOnAir = probe.speakersSending() - sendingBefore >= onAir;
        Thread.sleep(a.warmup() * 1000L);
        HttpClient http = HttpClient.newHttpClient();
        URI gatewayUri = URI.create(gateway.baseUrl());
        GatewayCounters countedBefore = GatewayCounters.read(http, gatewayUri);
        probe.openWindow(Duration.ofSeconds(a.seconds()));
        CpuMeter.Reading before = cpu.read();
        double brokerBefore = broker.cpuSeconds();
        Thread.sleep(a.seconds() * 1000L);
        CpuMeter.Reading after = cpu.read();
        double brokerAfter = broker.cpuSeconds();
        GatewayCounters counted = GatewayCounters.read(http, gatewayUri).minus(countedBefore);
        ScenarioPlayer.Result result =
                playing.get(durationUs / 1000 + 120_000, TimeUnit.MILLISECONDS);
        Thread.sleep(2_000); // the probe reads the last frames
        LatencyProbe.Window window = probe.window();
        double wall = (after.wallNanos() - before.wallNanos()) / 1e9;
        double gatewayCores =
                ((after.processNanos() - before.processNanos())
                                - (after.othersNanos() - before.othersNanos()))
                        / 1e9
                        / wall;
        double loadCores = (after.othersNanos() - before.othersNanos()) / 1e9 / wall;
        double expected = onAir * 50.0;
        double sentPerSecond = window.sent() / wall;
        double readPerSecond = window.received() / wall;
        double p99 = window.latency().getValueAtPercentile(99) / 1e6;
        String verdict;
        if (!result.failures().isEmpty()) {
            verdict = "failed: " + result.failures().get(0);
        } else if (!allOnAir) {
            verdict = "not every speaker went on air in " + SETUP_SECONDS + " s";
        } else if (sentPerSecond < 0.98 * expected) {
            verdict =
                    "load generator behind ("
                            + Math.round(100 * sentPerSecond / expected)
                            + " % sent on time)";
        } else if (window.received() < window.sent() * 0.999) {
            verdict = "frames missing";
        } else if (p99 > a.p99BoundMs()) {
            verdict = "too slow (p99 > " + a.p99BoundMs() + " ms)";
        } else {
            verdict = "real time";
        }
        return new Step(
                onAir,
                sentPerSecond,
                readPerSecond,
                window.sent() - window.received(),
                window.latency().getValueAtPercentile(50) / 1e6,
                p99,
                window.latency().getMaxValue() / 1e6,
                gatewayCores,
                (brokerAfter - brokerBefore) / wall,
                loadCores,
                counted,
                verdict);
    }

    static void summary(List<Step> steps) {
        Step best = null;
        for (Step step : steps) {
            if (step.verdict().equals("real time")
                    && (best == null || step.speakers() > best.speakers())) {
                best = step;
            }
        }
        Step busiest = null;
        for (Step step : steps) {
            if (busiest == null || step.readPerSecond() > busiest.readPerSecond()) {
                busiest = step;
            }
        }
        if (best == null) {
            System.out.println("no step held in real time");
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "most live speakers held in real time on this machine: %d (%.0f frames/s, p99 %.1f ms, max %.1f"
                            + " ms), the gateway using %.2f cores: %.0f frames/s per gateway core%n",
                    best.speakers(),
                    best.readPerSecond(),
                    best.p99Ms(),
                    best.maxMs(),
                    best.gatewayCores(),
                    best.framesPerGatewayCore());
        }
        if (busiest != null && busiest.gatewayCores() > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "gateway frames/s per core at the busiest step (%d speakers): %.0f = %.0f live speakers (50"
                            + " frames/s) per core%n",
                    busiest.speakers(),
                    busiest.framesPerGatewayCore(),
                    busiest.framesPerGatewayCore() / 50);
        }
    }

    /** About 6 s of espeak-ng speech, when no --clip is given. */
    static Path speech(Path dir) throws Exception {
        Path wav = dir.resolve("speech.wav");
        Process espeak =
                new ProcessBuilder(
                                "espeak-ng",
                                "-w",
                                wav.toString(),
                                "This is a simulated speaker in a live audio room. The benchmark plays"
                                        + " this sentence over and over, as many speakers at once as the"
                                        + " gateway can take.")
                        .redirectErrorStream(true)
                        .start();
        if (espeak.waitFor() != 0) {
            throw new IllegalStateException("espeak-ng failed: give --clip FILE");
        }
        return wav;
    }
}
