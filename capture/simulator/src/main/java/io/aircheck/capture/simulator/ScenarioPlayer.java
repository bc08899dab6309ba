package io.aircheck.capture.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays many {@link RoomPlan}s at once through a gateway, over one {@link Source}: each room's
 * events in order (HTTP), each speaker's frames paced on a shared scheduler at 20 ms (divided by
 * {@code speed}; gateway-stamped sources play in real time). Every frame sent is reported to a
 * {@link SendListener} (benchmarks measure latency with it).
 */
public final class ScenarioPlayer {
    /** Told of every frame sent: which, and when (System.nanoTime()). */
    public interface SendListener {
        void sent(String roomId, String participantId, long sequence, long nanoTime);

        SendListener NONE = (room, participant, sequence, nanoTime) -> {};
    }

    /** What was played. */
    public record Result(
            int rooms,
            long framesSent,
            long eventsPosted,
            Map<String, String> sessions,
            List<String> failures) {
        public boolean succeeded() {
            return failures.isEmpty();
        }
    }

    private final URI gateway;
    private final String token;
    private final ClipLibrary clips;
    private final Source source;
    private final RoomSimulator.Options options;
    private final SendListener listener;
    private final int pacerThreads;

    public ScenarioPlayer(
            URI gateway,
            String token,
            ClipLibrary clips,
            Source source,
            RoomSimulator.Options options,
            SendListener listener,
            int pacerThreads) {
        if (source.gatewayStamped() && options.speed() != 1.0) {
            throw new IllegalArgumentException(
                    "--speed applies to the ws source only: "
                            + source.name().toLowerCase()
                            + " is real-time media stamped by the gateway");
        }
        this.gateway = gateway;
        this.token = token;
        this.clips = clips;
        this.source = source;
        this.options = options;
        this.listener = listener;
        this.pacerThreads = pacerThreads;
    }

    /** Plays the rooms to their close (or their first failure); blocks. */
    public Result play(List<RoomPlan> plans) {
        ScheduledExecutorService pacer =
                Executors.newScheduledThreadPool(pacerThreads, daemon("simulator-pacer"));
        ExecutorService io =
                Executors.newFixedThreadPool(
                        Math.min(32, 2 + plans.size()), daemon("simulator-io"));
        HttpClient http = HttpClient.newHttpClient(); // its own threads: the io pool blocks on it
        AtomicLong frames = new AtomicLong();
        try (DatagramChannel udp = DatagramChannel.open()) {
            long t0Us = RoomSimulator.wallClockUs();
            long start = System.nanoTime() + 200_000_000L; // time to schedule everything
            String runId = Long.toString(t0Us, 36);
            TrackSenders.Context context =
                    new TrackSenders.Context(
                            gateway,
                            token,
                            http,
                            new GatewayEvents(http, gateway, token),
                            options,
                            udp,
                            new Random(t0Us),
                            () -> t0Us + 200_000,
                            runId);
            List<RoomRun> runs = new ArrayList<>();
            for (RoomPlan plan : plans) {
                RoomRun run = new RoomRun(plan, source, context);
                runs.add(run);
                run.start(pacer, io, start, options.speed());
                for (RoomPlan.Turn turn : plan.turns()) {
                    long due = start + (long) (turn.atUs() * 1000 / options.speed());
                    pacer.schedule(
                            () -> startTurn(pacer, run, turn, frames),
                            Math.max(0, due - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
                }
            }
            long longest = plans.stream().mapToLong(RoomPlan::endUs).max().orElse(0);
            Duration limit =
                    Duration.ofNanos((long) (longest * 1000 / options.speed()))
                            .plus(options.ackTimeout())
                            .plusSeconds(30);
            try {
                CompletableFuture.allOf(
                                runs.stream().map(r -> r.done).toArray(CompletableFuture[]::new))
                        .get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                runs.forEach(r -> r.fail("did not close within " + limit.toSeconds() + " s"));
            } catch (Exception e) {
                throw new SimulationException("playing the rooms failed: " + e, e);
            }
            Map<String, String> sessions = new LinkedHashMap<>();
            List<String> failures = new ArrayList<>();
            long events = 0;
            for (RoomRun run : runs) {
                sessions.put(run.plan.roomId(), run.sessionId);
                events += run.eventsPosted;
                if (run.failure != null) {
                    failures.add(run.failure);
                }
            }
            return new Result(runs.size(), frames.get(), events, sessions, failures);
        } catch (IOException e) {
            throw new SimulationException("cannot open a UDP socket: " + e.getMessage(), e);
        } finally {
            pacer.shutdownNow();
            io.shutdownNow();
        }
    }

    /** Sends the turn's frames every 20 ms (divided by speed), once its track is on air. */
    private void startTurn(
            ScheduledExecutorService pacer, RoomRun run, RoomPlan.Turn turn, AtomicLong frames) {
        long period = (long) (RoomScript.FRAME_US * 1000 / options.speed());
        // gateway-stamped media leaves once its 20 ms are captured, as a live sender's does
        long initial = source.gatewayStamped() ? period : 0;
        AtomicInteger next = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        ClipLibrary.Clip clip = clips.clip(turn.clip());
        Runnable tick =
                () -> {
                    TrackSender track = run.tracks.get(turn.participantId());
                    if (run.failure != null || (track != null && track.ended)) {
                        cancel(self);
                        return;
                    }
                    if (track == null || !track.ready) {
                        return; // not on air yet: the turn waits
                    }
                    if (next.get() >= turn.frames()) {
                        cancel(self); // the task may run before its own future was recorded
                        return;
                    }
                    try {
                        int i = next.getAndIncrement();
                        if (i == 0) {
                            track.turnStarts();
                        }
                        long now = System.nanoTime();
                        long sequence =
                                track.send(
                                        clip,
                                        turn.fromFrame() + i,
                                        turn.atUs() + i * RoomScript.FRAME_US,
                                        now);
                        frames.incrementAndGet();
                        listener.sent(run.plan.roomId(), turn.participantId(), sequence, now);
                        if (i + 1 >= turn.frames()) {
                            track.turnEnds();
                            cancel(self);
                        }
                    } catch (RuntimeException e) {
                        run.fail(e.getMessage());
                        cancel(self);
                    }
                };
        self.set(pacer.scheduleAtFixedRate(tick, initial, period, TimeUnit.NANOSECONDS));
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> self) {
        ScheduledFuture<?> future = self.get();
        if (future != null) {
            future.cancel(false);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
