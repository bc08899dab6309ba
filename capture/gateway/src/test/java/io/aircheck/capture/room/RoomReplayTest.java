package io.aircheck.capture.room;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rebuilding rooms by applying the log: what a restarted gateway does with room.events. */
class RoomReplayTest {
    static final long T0 = RoomRegistryEventsTest.T0;

    @Test
    void aRegistryRebuiltFromTheLogKnowsOpenAndClosedRoomsAndTheirEventIds() {
        RoomRegistry original = new RoomRegistry(65536);
        List<RoomEvent> log = new ArrayList<>();
        for (RoomEvent event :
                List.of(
                        opened("open-room", "a1", T0),
                        joined("open-room", "a2", T0 + 1, "alice", Role.SPEAKER),
                        published("open-room", "a3", T0 + 2, "alice", "mic"),
                        opened("closed-room", "b1", T0),
                        closed("closed-room", "b2", T0 + 5))) {
            EventDecision.Accepted accepted =
                    (EventDecision.Accepted) original.decide(event, "simulator", T0);
            original.apply(accepted.event());
            log.add(accepted.event());
        }

        RoomRegistry rebuilt = new RoomRegistry(65536);
        log.forEach(rebuilt::apply);

        assertThat(rebuilt.openRoomIds()).containsExactly("open-room");
        assertThat(rebuilt.openSession("open-room")).isEqualTo(original.openSession("open-room"));
        assertThat(rebuilt.decideFrame(frame("open-room", "alice", "mic", 0, T0 + 10).build()))
                .isInstanceOf(FrameDecision.Accepted.class);
        assertThat(rebuilt.decideFrame(frame("closed-room", "alice", "mic", 0, T0 + 10).build()))
                .isEqualTo(
                        new FrameDecision.Rejected(
                                new Rejection(
                                        Rejection.Code.CONFLICT, "room 'closed-room' is closed")));
        assertThat(
                        rebuilt.decide(
                                joined("open-room", "a2", T0 + 1, "alice", Role.SPEAKER), "s", T0))
                .isInstanceOf(EventDecision.Duplicate.class);
        // a new session of the closed room does not reuse its session id
        EventDecision.Accepted reopened =
                (EventDecision.Accepted)
                        rebuilt.decide(opened("closed-room", "b3", T0 + 6), "s", T0);
        assertThat(reopened.event().getSessionId()).isEqualTo("20261125T194100123Z-2");
    }

    @Test
    void replayingIgnoresEventsThatDoNotFitInsteadOfFailing() {
        RoomRegistry rebuilt = new RoomRegistry(65536);
        rebuilt.apply(joined("never-opened", "x1", T0, "bob", Role.LISTENER));
        rebuilt.apply(closed("never-opened", "x2", T0));
        assertThat(rebuilt.openRoomCount()).isZero();
    }
}
