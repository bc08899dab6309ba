package io.aircheck.capture.gateway;

import io.aircheck.capture.room.IdleRoom;
import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.protocol.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Closes rooms whose close never came: an open room with no accepted event or frame for {@code
 * AIRCHECK_ROOM_IDLE_CLOSE} gets a {@code RoomClosed} (reason {@value IdleRoom#REASON}) at the end
 * of its last record on the room clock, written like any event (so the recorder, the timeline and a
 * rebuild all see the same close), from source {@value #SOURCE}.
 */
final class IdleRoomCloser {
    private static final Logger LOG = LoggerFactory.getLogger(IdleRoomCloser.class);
    static final String SOURCE = "capture-gateway";

    private final RoomRegistry registry;
    private final RoomLocks locks;
    private final EventIngest events;
    private final IngestMetrics metrics;
    private final LongSupplier clockUs;
    private final long idleUs;
    private final Duration idleAfter;

    IdleRoomCloser(
            RoomRegistry registry,
            RoomLocks locks,
            EventIngest events,
            IngestMetrics metrics,
            LongSupplier clockUs,
            Duration idleAfter) {
        this.registry = registry;
        this.locks = locks;
        this.events = events;
        this.metrics = metrics;
        this.clockUs = clockUs;
        this.idleAfter = idleAfter;
        this.idleUs = idleAfter.toNanos() / 1000;
    }

    /** How often to look: a small part of the idle time, between 1 s and 30 s. */
    static long intervalMs(Duration idleAfter) {
        return Math.max(1000, Math.min(30_000, idleAfter.toMillis() / 10));
    }

    /** One round: closes every room idle now. */
    void tick() {
        for (IdleRoom room : registry.idleRooms(clockUs.getAsLong(), idleUs)) {
            close(room);
        }
    }

    private void close(IdleRoom room) {
        ReentrantLock lock = locks.of(room.roomId());
        lock.lock(); // re-entered by the event's own write: nothing gets in between
        try (MDC.MDCCloseable id = MDC.putCloseable("roomId", room.roomId())) {
            if (!registry.isIdle(room.roomId(), room.sessionId(), clockUs.getAsLong(), idleUs)) {
                return; // something arrived meanwhile
            }
            var event = room.closeEvent();
            byte[] body = WireFormat.toJson(event).getBytes(StandardCharsets.UTF_8);
            EventOutcome outcome = events.ingest(event, body, SOURCE, "idle-close");
            if (outcome instanceof EventOutcome.Accepted) {
                metrics.idleClose();
                LOG.info(
                        "room {} closed: session {} had no events or audio for {}",
                        room.roomId(),
                        room.sessionId(),
                        idleAfter);
            } else {
                LOG.warn("closing idle room {} failed: {}", room.roomId(), outcome);
            }
        } finally {
            lock.unlock();
        }
    }
}
