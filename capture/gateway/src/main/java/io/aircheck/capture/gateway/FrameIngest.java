package io.aircheck.capture.gateway;

import io.aircheck.capture.room.FrameDecision;
import io.aircheck.capture.room.Rejection;
import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.protocol.Ids;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Decides on audio frames under their room's lock and hands the accepted ones to the log in that
 * order, without ever waiting: when the room's lock is taken (an event is being written) or the
 * write budget is spent (the log is behind), the caller is told to come back later and keeps the
 * frame. A write's outcome reaches the source's {@link WriteOutcome}; refused frames are counted
 * and go to {@code room.audio.dlq}. Knows nothing of sockets.
 */
final class FrameIngest {
    private static final Logger LOG = LoggerFactory.getLogger(FrameIngest.class);

    /** What became of a frame offered with {@link #tryWrite}. */
    enum Attempt {
        /** Handed to the log. */
        WRITTEN,
        /** Not decided: the room is busy or the log is behind; offer it again later. */
        BUSY,
        /** Refused: {@link Result#rejection()} says why; call {@link FrameIngest#refuse}. */
        REFUSED
    }

    /** The attempt and, when refused, why. */
    record Result(Attempt attempt, Rejection rejection) {
        static final Result WRITTEN = new Result(Attempt.WRITTEN, null);
        static final Result BUSY = new Result(Attempt.BUSY, null);
    }

    private final RoomRegistry registry;
    private final RoomLocks locks;
    private final RoomLogWriter writer;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final WriteBudget budget;
    private final Executor failureHandling;

    FrameIngest(
            RoomRegistry registry,
            RoomLocks locks,
            RoomLogWriter writer,
            DeadLetters deadLetters,
            IngestMetrics metrics,
            WriteBudget budget,
            Executor failureHandling) {
        this.registry = registry;
        this.locks = locks;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.budget = budget;
        this.failureHandling = failureHandling;
    }

    /**
     * Decides on {@code frame} and writes it if the room's lock and the write budget are free now;
     * {@code expect} gives the outcome listener of an accepted frame (as it will be written).
     */
    Result tryWrite(AudioFrame frame, Function<AudioFrame, WriteOutcome> expect) {
        ReentrantLock lock = locks.of(frame.getRoomId());
        if (!lock.tryLock()) {
            return Result.BUSY;
        }
        try {
            FrameDecision decision = registry.decideFrame(frame);
            if (decision instanceof FrameDecision.Rejected rejected) {
                return new Result(Attempt.REFUSED, rejected.rejection());
            }
            AudioFrame accepted = ((FrameDecision.Accepted) decision).frame();
            int size = accepted.getSerializedSize();
            if (!budget.tryAcquire(size)) {
                return Result.BUSY;
            }
            write(accepted, size, expect.apply(accepted));
            return Result.WRITTEN;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called under the room's lock (an event's): writes frames that must reach the log before the
     * event's marks (what a track still had waiting when it ends), past the budget if need be.
     * Returns those refused (already counted and dead-lettered).
     */
    int writeBeforeMarks(List<AudioFrame> frames, String origin, WriteOutcome outcome) {
        int refused = 0;
        for (AudioFrame frame : frames) {
            FrameDecision decision = registry.decideFrame(frame);
            if (decision instanceof FrameDecision.Accepted accepted) {
                int size = accepted.frame().getSerializedSize();
                budget.acquire(size);
                write(accepted.frame(), size, outcome);
            } else {
                refused++;
                refuse(
                        ((FrameDecision.Rejected) decision).rejection(),
                        frame.getRoomId(),
                        frame.toByteArray(),
                        origin,
                        frame.getParticipantId(),
                        frame.getTrackId(),
                        frame.getSequence());
            }
        }
        return refused;
    }

    /**
     * Counts and dead-letters a refused frame (or a message that is no frame at all: null ids);
     * returns what to tell the source.
     */
    ClientNotice refuse(
            Rejection rejection,
            String roomId,
            byte[] message,
            String origin,
            String participantId,
            String trackId,
            Long sequence) {
        String validRoom = roomId != null && Ids.isValid(roomId) ? roomId : null;
        metrics.rejected(Topics.ROOM_AUDIO, rejection.code().name());
        LOG.debug("frame refused ({}): {}", rejection.code(), rejection.message());
        deadLetters.write(Topics.ROOM_AUDIO, validRoom, message, rejection.message(), origin);
        return ClientNotice.error(
                rejection.code().name(),
                rejection.message(),
                validRoom,
                emptyToNull(participantId),
                emptyToNull(trackId),
                sequence);
    }

    /** Called under the room's lock. */
    private void write(AudioFrame frame, int size, WriteOutcome outcome) {
        registry.applyFrame(frame);
        metrics.accepted(Topics.ROOM_AUDIO);
        writer.writeFrame(frame)
                .whenComplete(
                        (ok, error) -> {
                            budget.release(size);
                            if (error == null) {
                                outcome.succeeded();
                            } else {
                                // not on the producer's thread: forgetting takes the room's lock
                                failureHandling.execute(() -> writeFailed(frame, outcome, error));
                            }
                        });
    }

    private void writeFailed(AudioFrame frame, WriteOutcome outcome, Throwable error) {
        ReentrantLock lock = locks.of(frame.getRoomId());
        lock.lock();
        try {
            registry.forgetFrame(frame);
        } finally {
            lock.unlock();
        }
        metrics.writeFailed(Topics.ROOM_AUDIO);
        try (MDC.MDCCloseable room = MDC.putCloseable("roomId", frame.getRoomId())) {
            LOG.warn(
                    "frame {} of {}/{} not acknowledged by Kafka: {}",
                    frame.getSequence(),
                    frame.getParticipantId(),
                    frame.getTrackId(),
                    error.toString());
        }
        outcome.failed(
                "the audio log did not acknowledge frame "
                        + frame.getSequence()
                        + " in time; send it again");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
