package io.aircheck.capture.room;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rooms whose close never comes: when they count as idle, and the close the gateway writes. */
class IdleRoomsTest {
    static final long T0 = RoomRegistryEventsTest.T0;
    static final long SECOND = 1_000_000;
    static final long IDLE = 600 * SECOND;

    final AtomicLong now = new AtomicLong(T0);
    RoomRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new RoomRegistry(4096, RtpPorts.none(), now::get);
        apply(opened("r1", "e1", T0));
        apply(joined("r1", "e2", T0, "alice", Role.SPEAKER));
        apply(published("r1", "e3", T0, "alice", "mic"));
    }

    void apply(RoomEvent event) {
        EventDecision.Accepted accepted =
                (EventDecision.Accepted) registry.decide(event, "test", now.get());
        registry.apply(accepted.event());
    }

    void acceptFrame(long sequence, long timestampUs) {
        AudioFrame frame =
                frame("r1", "alice", "mic", sequence, timestampUs).setDurationUs(20_000).build();
        FrameDecision decision = registry.decideFrame(frame);
        registry.applyFrame(((FrameDecision.Accepted) decision).frame());
    }

    @Test
    void aRoomWithNothingForTheIdleTimeIsIdleAndNotBefore() {
        now.set(T0 + IDLE - 1);
        assertThat(registry.idleRooms(now.get(), IDLE)).isEmpty();

        now.set(T0 + IDLE);
        assertThat(registry.idleRooms(now.get(), IDLE))
                .singleElement()
                .satisfies(
                        idle -> {
                            assertThat(idle.roomId()).isEqualTo("r1");
                            assertThat(idle.lastActiveAtUs()).isEqualTo(T0);
                        });
    }

    @Test
    void audioAndEventsKeepARoomActiveAndTheCloseIsAtTheEndOfItsLastRecord() {
        now.set(T0 + 300 * SECOND);
        acceptFrame(0, T0 + 299 * SECOND);
        now.set(T0 + 500 * SECOND);
        apply(joined("r1", "e4", T0 + 500 * SECOND, "bob", Role.LISTENER));
        now.set(T0 + 500 * SECOND + IDLE - 1);
        assertThat(registry.idleRooms(now.get(), IDLE)).isEmpty();

        now.set(T0 + 500 * SECOND + IDLE);
        IdleRoom idle = registry.idleRooms(now.get(), IDLE).get(0);
        RoomEvent close = idle.closeEvent();

        assertThat(close.getRoomClosed().getReason()).isEqualTo(IdleRoom.REASON);
        assertThat(close.getTimestampUs()).isEqualTo(T0 + 500 * SECOND);
        assertThat(close.getSessionId()).isEqualTo(idle.sessionId());
        assertThat(close.getEventId()).isEqualTo("idle-close-" + idle.sessionId());
        EventDecision decision = registry.decide(close, "capture-gateway", now.get());
        assertThat(decision).isInstanceOf(EventDecision.Accepted.class);
        registry.apply(((EventDecision.Accepted) decision).event());
        assertThat(registry.idleRooms(now.get(), IDLE)).isEmpty();
        assertThat(registry.openSession("r1")).isEmpty();
    }

    @Test
    void theCloseComesAfterTheLastFramesEndAndTheLastClockMark() {
        now.set(T0 + 10 * SECOND);
        acceptFrame(0, T0 + 10 * SECOND);
        registry.applyClock("r1", T0 + 12 * SECOND); // the room's clock ran on through silence

        now.set(T0 + 10 * SECOND + IDLE);
        assertThat(registry.idleRooms(now.get(), IDLE).get(0).closeEvent().getTimestampUs())
                .as("clock marks move the room's clock but are not activity")
                .isEqualTo(T0 + 12 * SECOND);

        registry.applyClock("r1", T0 + 9 * SECOND);
        acceptFrame(1, T0 + 10 * SECOND + 20_000);
        assertThat(registry.idleRooms(now.get(), IDLE)).isEmpty();
    }

    @Test
    void aRoomRebuiltFromTheLogCountsItsIdleTimeFromTheRebuild() {
        RoomRegistry rebuilt = new RoomRegistry(4096, RtpPorts.none(), now::get);
        now.set(T0 + 2 * IDLE); // the gateway restarts long after the room's last event
        for (RoomEvent event :
                new RoomEvent[] {
                    opened("r1", "e1", T0), joined("r1", "e2", T0, "alice", Role.SPEAKER),
                }) {
            rebuilt.apply(((EventDecision.Accepted) rebuilt.decide(event, "test", T0)).event());
        }

        assertThat(rebuilt.idleRooms(now.get(), IDLE)).isEmpty();
        assertThat(rebuilt.idleRooms(now.get() + IDLE, IDLE)).hasSize(1);
    }

    @Test
    void anIdleCheckOfAnotherSessionOrAClosedRoomIsFalse() {
        now.set(T0 + IDLE);
        String session = registry.openSession("r1").orElseThrow();
        assertThat(registry.isIdle("r1", session, now.get(), IDLE)).isTrue();
        assertThat(registry.isIdle("r1", "20200101T000000000Z", now.get(), IDLE)).isFalse();
        apply(closed("r1", "e9", T0 + SECOND));
        assertThat(registry.isIdle("r1", session, now.get(), IDLE)).isFalse();
        assertThat(registry.idleRooms(now.get(), IDLE)).isEmpty();
    }
}
