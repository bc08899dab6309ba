package io.aircheck.capture.gateway;

import com.google.protobuf.util.JsonFormat;
import io.aircheck.capture.room.AcceptedEvent;
import io.aircheck.capture.room.EventDecision;
import io.aircheck.capture.room.Rejection;
import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.protocol.Ids;
import io.aircheck.protocol.MalformedRecordException;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.StreamMark;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes one room event as a source sent it (protobuf JSON), decides on it under the room's lock,
 * writes it with its stream marks and waits for Kafka's acknowledgement before the room's state
 * changes; refused events go to {@code room.events.dlq}. Knows nothing of HTTP.
 */
final class EventIngest {
    private static final Logger LOG = LoggerFactory.getLogger(EventIngest.class);

    private final RoomRegistry registry;
    private final RoomLocks locks;
    private final RoomLogWriter writer;
    private final DeadLetters deadLetters;
    private final FrameIngest frames;
    private final IngestMetrics metrics;
    private final LongSupplier clockUs;
    private final long waitMs;
    private final Object rtpBindings = new Object();
    private volatile EndingTracks endingTracks = (room, participant, track) -> List.of();

    EventIngest(
            RoomRegistry registry,
            RoomLocks locks,
            RoomLogWriter writer,
            DeadLetters deadLetters,
            FrameIngest frames,
            IngestMetrics metrics,
            LongSupplier clockUs,
            Duration writeTimeout) {
        this.registry = registry;
        this.locks = locks;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.frames = frames;
        this.metrics = metrics;
        this.clockUs = clockUs;
        // the producer fails a write within the timeout; the margin only guards against a hang
        this.waitMs = writeTimeout.toMillis() + 2000;
    }

    void setEndingTracks(EndingTracks endingTracks) {
        this.endingTracks = endingTracks;
    }

    EventOutcome ingest(byte[] body, String source, String origin) {
        RoomEvent event;
        try {
            event = WireFormat.parseEventJson(new String(body, StandardCharsets.UTF_8));
        } catch (MalformedRecordException e) {
            return reject(
                    new Rejection(Rejection.Code.MALFORMED, e.getMessage()),
                    roomIdOf(body),
                    body,
                    origin);
        }
        return ingest(event, body, source, origin);
    }

    /** An event already parsed ({@code body}: what the source sent, for the dead letter). */
    EventOutcome ingest(RoomEvent event, byte[] body, String source, String origin) {
        boolean binds = event.hasTrackPublished() && event.getTrackPublished().hasRtp();
        if (binds) {
            // RTP bindings are decided one at a time: a free port stays free until applied
            synchronized (rtpBindings) {
                return decideAndWrite(event, body, source, origin);
            }
        }
        return decideAndWrite(event, body, source, origin);
    }

    private EventOutcome decideAndWrite(
            RoomEvent event, byte[] body, String source, String origin) {
        try (MDC.MDCCloseable room = MDC.putCloseable("roomId", event.getRoomId())) {
            EventDecision decision;
            ReentrantLock lock = locks.of(event.getRoomId());
            lock.lock();
            try {
                decision = registry.decide(event, source, clockUs.getAsLong());
                if (decision instanceof EventDecision.Accepted accepted) {
                    return write(accepted, origin);
                }
            } finally {
                lock.unlock();
            }
            if (decision instanceof EventDecision.Duplicate duplicate) {
                LOG.info("repeated event {} ignored", event.getEventId());
                return new EventOutcome.Duplicate(duplicate.original());
            }
            Rejection rejection = ((EventDecision.Rejected) decision).rejection();
            String roomId = Ids.isValid(event.getRoomId()) ? event.getRoomId() : null;
            return reject(rejection, roomId, body, origin);
        }
    }

    /** Called under the room's lock: the room's later records wait until this one is durable. */
    private EventOutcome write(EventDecision.Accepted accepted, String origin) {
        RoomEvent event = accepted.event();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        writes.add(writer.writeEvent(event));
        for (AudioFrame mark : accepted.marks()) {
            if (mark.getMark() == StreamMark.TRACK_ENDED) {
                List<AudioFrame> held =
                        endingTracks.drain(
                                mark.getRoomId(), mark.getParticipantId(), mark.getTrackId());
                if (!held.isEmpty()) {
                    frames.writeBeforeMarks(held, origin, droppedIfFailed());
                }
            }
            writes.add(writer.writeFrame(mark));
        }
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                    .get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            metrics.writeFailed(Topics.ROOM_EVENTS);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn(
                    "event {} not acknowledged by Kafka: {}", event.getEventId(), cause.toString());
            return new EventOutcome.Unavailable(
                    "the event log did not acknowledge the write in time ("
                            + cause.getClass().getSimpleName()
                            + "); retry with the same event_id");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EventOutcome.Unavailable("the gateway is shutting down; retry");
        }
        registry.apply(event);
        metrics.accepted(Topics.ROOM_EVENTS);
        LOG.info(
                "{} {} accepted (session {})",
                event.getKindCase(),
                event.getEventId(),
                event.getSessionId());
        return new EventOutcome.Accepted(
                new AcceptedEvent(
                        event.getEventId(),
                        event.getRoomId(),
                        event.getSessionId(),
                        event.getTimestampUs()));
    }

    /** Frames written ahead of a track's end: a failed one is lost (counted). */
    private WriteOutcome droppedIfFailed() {
        return new WriteOutcome() {
            @Override
            public void succeeded() {}

            @Override
            public void failed(String reason) {
                metrics.dropped("held", "log_unavailable");
            }
        };
    }

    private EventOutcome reject(Rejection rejection, String roomId, byte[] body, String origin) {
        metrics.rejected(Topics.ROOM_EVENTS, rejection.code().name());
        LOG.info("event refused ({}): {}", rejection.code(), rejection.message());
        try {
            deadLetters
                    .write(Topics.ROOM_EVENTS, roomId, body, rejection.message(), origin)
                    .get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("no answer about the dead letter of a refused event: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new EventOutcome.Rejected(rejection.code().name(), rejection.message());
    }

    /** The room id of a body that is not a valid event, if one can be read from it. */
    private static String roomIdOf(byte[] body) {
        try {
            RoomEvent.Builder builder = RoomEvent.newBuilder();
            JsonFormat.parser()
                    .ignoringUnknownFields()
                    .merge(new String(body, StandardCharsets.UTF_8), builder);
            return Ids.isValid(builder.getRoomId()) ? builder.getRoomId() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
