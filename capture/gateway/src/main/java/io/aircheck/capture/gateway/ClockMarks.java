package io.aircheck.capture.gateway;

import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.StreamMark;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Writes a CLOCK mark about every second into each open room with gateway-stamped tracks (RTP, raw
 * PCM), so that the recorder sees the room clock advance through silence. A mark is set {@code
 * lagUs} behind the gateway's clock (the RTP reorder hold plus a margin), always after the room's
 * previous mark and its session start, and written under the room's lock (never after its end).
 */
final class ClockMarks {
    static final long INTERVAL_MS = 1000;

    private final RoomRegistry registry;
    private final RoomLocks locks;
    private final RoomLogWriter writer;
    private final IngestMetrics metrics;
    private final LongSupplier clockUs;
    private final long lagUs;
    private final Map<String, Long> lastMarkUs = new ConcurrentHashMap<>();

    ClockMarks(
            RoomRegistry registry,
            RoomLocks locks,
            RoomLogWriter writer,
            IngestMetrics metrics,
            LongSupplier clockUs,
            long lagUs) {
        this.registry = registry;
        this.locks = locks;
        this.writer = writer;
        this.metrics = metrics;
        this.clockUs = clockUs;
        this.lagUs = lagUs;
    }

    /** One round: a mark for every gateway-clocked room whose lock is free now. */
    void tick() {
        List<String> rooms = registry.gatewayClockedRooms();
        lastMarkUs.keySet().retainAll(new HashSet<>(rooms));
        for (String roomId : rooms) {
            ReentrantLock lock = locks.of(roomId);
            if (!lock.tryLock()) {
                continue; // an event is being written: next round
            }
            try {
                mark(roomId);
            } finally {
                lock.unlock();
            }
        }
    }

    private void mark(String roomId) {
        String session = registry.openSession(roomId).orElse(null);
        long start = registry.sessionStartUs(roomId);
        if (session == null || start < 0) {
            return;
        }
        long at = clockUs.getAsLong() - lagUs;
        long previous = lastMarkUs.getOrDefault(roomId, Long.MIN_VALUE);
        if (at <= previous || at < start) {
            return;
        }
        writer.writeFrame(
                AudioFrame.newBuilder()
                        .setRoomId(roomId)
                        .setSessionId(session)
                        .setTimestampUs(at)
                        .setMark(StreamMark.CLOCK)
                        .build());
        lastMarkUs.put(roomId, at);
        registry.applyClock(roomId, at);
        metrics.clockMark();
    }
}
