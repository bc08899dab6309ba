package io.aircheck.jobs.timeline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.ParticipantLeft;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoleChanged;
import io.aircheck.protocol.v1.RoomClosed;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomOpened;
import io.aircheck.protocol.v1.Visibility;
import org.junit.jupiter.api.Test;

class SessionProjectionTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private int ids;

    private RoomEvent.Builder event(String session, long atUs) {
        return RoomEvent.newBuilder()
                .setEventId("e" + ids++)
                .setRoomId("room-1")
                .setSessionId(session)
                .setTimestampUs(atUs);
    }

    private RoomSession apply(RoomSession session, RoomEvent event) {
        return SessionProjection.apply(session, event).session();
    }

    @Test
    void projectsTitleSpeakersPeakAndDuration() {
        RoomSession s =
                apply(
                        null,
                        event("s1", T0)
                                .setRoomOpened(
                                        RoomOpened.newBuilder()
                                                .setTitle("Morning show")
                                                .setHostId("alice")
                                                .setVisibility(Visibility.PUBLIC))
                                .build());
        s =
                apply(
                        s,
                        event("s1", T0 + 1_000)
                                .setParticipantJoined(
                                        ParticipantJoined.newBuilder()
                                                .setParticipantId("alice")
                                                .setDisplayName("Alice")
                                                .setRole(Role.MODERATOR))
                                .build());
        s =
                apply(
                        s,
                        event("s1", T0 + 2_000)
                                .setParticipantJoined(
                                        ParticipantJoined.newBuilder()
                                                .setParticipantId("bob")
                                                .setDisplayName("Bob"))
                                .build());
        s =
                apply(
                        s,
                        event("s1", T0 + 3_000)
                                .setParticipantJoined(
                                        ParticipantJoined.newBuilder().setParticipantId("carol"))
                                .build());
        s =
                apply(
                        s,
                        event("s1", T0 + 4_000)
                                .setRoleChanged(
                                        RoleChanged.newBuilder()
                                                .setParticipantId("bob")
                                                .setRole(Role.SPEAKER))
                                .build());
        s =
                apply(
                        s,
                        event("s1", T0 + 5_000)
                                .setParticipantLeft(
                                        ParticipantLeft.newBuilder().setParticipantId("carol"))
                                .build());
        assertThat(s.live()).isTrue();
        s =
                apply(
                        s,
                        event("s1", T0 + 90_000_000)
                                .setRoomClosed(RoomClosed.getDefaultInstance())
                                .build());

        assertThat(s.title).isEqualTo("Morning show");
        assertThat(s.speakers)
                .containsExactly(
                        java.util.Map.entry("alice", "Alice"), java.util.Map.entry("bob", "Bob"));
        assertThat(s.peakParticipants).isEqualTo(3);
        assertThat(s.live()).isFalse();
        assertThat(s.durationMs()).isEqualTo(90_000);
        assertThat(s.version).isEqualTo(7);
    }

    @Test
    void repeatedEventIdsAreAppliedOnce() {
        RoomSession s =
                apply(null, event("s1", T0).setRoomOpened(RoomOpened.getDefaultInstance()).build());
        RoomEvent join =
                event("s1", T0 + 1)
                        .setParticipantJoined(
                                ParticipantJoined.newBuilder().setParticipantId("bob"))
                        .build();
        s = apply(s, join);
        SessionProjection.Applied again = SessionProjection.apply(s, join);
        assertThat(again.update()).isEqualTo(SessionUpdate.UNCHANGED);
        assertThat(again.session().version).isEqualTo(2);
    }

    @Test
    void refusesEventsOfASessionItNeverSawOpen() {
        RoomEvent join =
                event("s9", T0)
                        .setParticipantJoined(
                                ParticipantJoined.newBuilder().setParticipantId("bob"))
                        .build();
        SessionProjection.Applied applied = SessionProjection.apply(null, join);
        assertThat(applied.update().outcome()).isEqualTo(SessionUpdate.Outcome.REJECTED);
        assertThat(applied.update().reason()).contains("session 's9'").contains("not seen open");
    }

    @Test
    void refusesEventsAfterClose() {
        RoomSession s =
                apply(null, event("s1", T0).setRoomOpened(RoomOpened.getDefaultInstance()).build());
        s = apply(s, event("s1", T0 + 5).setRoomClosed(RoomClosed.getDefaultInstance()).build());
        SessionProjection.Applied late =
                SessionProjection.apply(
                        s,
                        event("s1", T0 + 6)
                                .setParticipantJoined(
                                        ParticipantJoined.newBuilder().setParticipantId("x"))
                                .build());
        assertThat(late.update().reason()).contains("after session 's1' closed");
    }
}
