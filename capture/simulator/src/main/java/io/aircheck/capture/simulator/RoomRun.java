package io.aircheck.capture.simulator;

import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One room being played: its steps other than frames run one after the other (events, tracks going
 * on and off air), the frames of its turns come from the player's pacer; the first failure stops
 * the room and is kept.
 */
final class RoomRun {
    final RoomPlan plan;
    final Map<String, TrackSender> tracks = new ConcurrentHashMap<>();
    final Map<String, Long> planned = new ConcurrentHashMap<>();
    final CompletableFuture<RoomRun> done = new CompletableFuture<>();
    private final Source source;
    private final TrackSenders.Context context;
    volatile String sessionId;
    volatile String failure;
    volatile long eventsPosted;

    RoomRun(RoomPlan plan, Source source, TrackSenders.Context context) {
        this.plan = plan;
        this.source = source;
        this.context = context;
        for (RoomPlan.Turn turn : plan.turns()) {
            planned.merge(turn.participantId(), (long) turn.frames(), Long::sum);
        }
    }

    /**
     * Runs the room's steps other than turns one after the other, each at its due time (room time
     * {@code atUs} after {@code startNanos}, divided by {@code speed}) or, if the one before ran
     * late, right after it: one chain per room, so a slow scheduler never reorders a room's steps.
     */
    void start(ScheduledExecutorService pacer, Executor io, long startNanos, double speed) {
        java.util.Iterator<RoomPlan.Step> steps =
                plan.steps().stream().filter(s -> !(s instanceof RoomPlan.Turn)).iterator();
        next(steps, pacer, io, startNanos, speed);
    }

    private void next(
            java.util.Iterator<RoomPlan.Step> steps,
            ScheduledExecutorService pacer,
            Executor io,
            long startNanos,
            double speed) {
        if (!steps.hasNext() || done.isDone()) {
            return;
        }
        RoomPlan.Step step = steps.next();
        long due = startNanos + (long) (step.atUs() * 1000 / speed);
        pacer.schedule(
                () ->
                        io.execute(
                                () -> {
                                    perform(step);
                                    next(steps, pacer, io, startNanos, speed);
                                }),
                Math.max(0, due - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    private void perform(RoomPlan.Step step) {
        if (failure != null) {
            return;
        }
        try {
            if (step instanceof RoomPlan.Event e) {
                post(e);
            } else if (step instanceof RoomPlan.Publish p) {
                TrackSender track =
                        TrackSenders.create(source, context, plan.roomId(), p.participantId());
                tracks.put(p.participantId(), track);
                track.publish();
            } else if (step instanceof RoomPlan.Unpublish u) {
                TrackSender track = tracks.get(u.participantId());
                if (track != null && !track.ended) {
                    awaitSent(track);
                    track.unpublish();
                    track.ended = true;
                }
            }
        } catch (RuntimeException e) {
            fail(e.getMessage());
        }
    }

    private void post(RoomPlan.Event step) {
        RoomEvent.Builder event =
                step.event().toBuilder()
                        .setRoomId(plan.roomId())
                        .setEventId(
                                context.runId()
                                        + "-"
                                        + plan.roomId()
                                        + "-"
                                        + step.event().getEventId());
        event.setTimestampUs(
                source.gatewayStamped() ? 0 : context.t0Us().getAsLong() + step.atUs());
        RoomEvent built = event.build();
        var answer = context.events().post(built);
        eventsPosted++;
        switch (built.getKindCase()) {
            case ROOM_OPENED -> sessionId = answer.path("sessionId").asText();
            case ROLE_CHANGED -> {
                if (built.getRoleChanged().getRole() == Role.LISTENER) {
                    endedByEvent(built.getRoleChanged().getParticipantId());
                }
            }
            case PARTICIPANT_LEFT -> endedByEvent(built.getParticipantLeft().getParticipantId());
            case ROOM_CLOSED -> done.complete(this);
            default -> {}
        }
    }

    private void endedByEvent(String participantId) {
        TrackSender track = tracks.get(participantId);
        if (track != null && !track.ended) {
            track.endedByEvent();
        }
    }

    /** Waits until every frame planned for the track was sent (the pacer may run a little late). */
    private void awaitSent(TrackSender track) {
        long want = planned.getOrDefault(track.participantId, 0L);
        long deadline = System.nanoTime() + context.options().ackTimeout().toNanos();
        while (track.sent.get() < want && failure == null && !track.ended) {
            if (System.nanoTime() > deadline) {
                throw new SimulationException(
                        track.participantId
                                + " sent "
                                + track.sent.get()
                                + " of "
                                + want
                                + " frames in time");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void fail(String why) {
        if (failure == null) {
            failure = plan.roomId() + ": " + why;
            for (TrackSender track : tracks.values()) {
                track.ended = true;
            }
            done.complete(this);
        }
    }
}
