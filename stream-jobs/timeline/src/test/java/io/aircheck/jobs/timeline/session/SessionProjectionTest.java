package io.aircheck.jobs.timeline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.jobs.timeline.RoomEvents;
import io.aircheck.protocol.v1.HandRaised;
import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.ParticipantLeft;
import io.aircheck.protocol.v1.RoomEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionProjectionTest {

    private static RoomSession inOrder(List<RoomEvent> events) {
        RoomSession s = null;
        for (RoomEvent e : events) {
            SessionProjection.Applied applied = SessionProjection.apply(s, e);
            assertThat(applied.update().outcome())
                    .as(e.getEventId())
                    .isNotEqualTo(SessionUpdate.Outcome.REJECTED);
            s = applied.session();
        }
        return s;
    }

    @Test
    void aRoomTheGatewayClosedForBeingIdleSaysSo() {
        List<RoomEvent> events = new ArrayList<>(RoomEvents.everyKind().subList(0, 3));
        events.add(
                RoomEvents.at(9_000, "idle-close-s1")
                        .setSource("capture-gateway")
                        .setRoomClosed(
                                io.aircheck.protocol.v1.RoomClosed.newBuilder().setReason("idle"))
                        .build());
        TimelineDocument doc = TimelineDocument.of(inOrder(events));
        assertThat(doc.live()).isFalse();
        assertThat(doc.closeReason()).isEqualTo("idle");
        assertThat(doc.durationMs())
                .as("ends at its last record, not when it was noticed")
                .isEqualTo(9_000);
        assertThat(doc.participants().get(0).presence())
                .containsExactly(new TimelineDocument.Span(1_000, 9_000L));
    }

    @Test
    void everyKindOfEventTellsItsPartOfTheStory() {
        RoomSession s = inOrder(RoomEvents.everyKind());
        TimelineDocument doc = TimelineDocument.of(s);
        assertThat(doc.title()).isEqualTo("Town hall");
        assertThat(doc.live()).isFalse();
        assertThat(doc.durationMs()).isEqualTo(60_000);
        assertThat(doc.closeReason()).isEqualTo("host ended the room");
        assertThat(doc.peakParticipants()).isEqualTo(3);
        assertThat(doc.eventCount()).isEqualTo(18);
        assertThat(s.stage).containsExactly("alice", "bob");

        TimelineDocument.ParticipantView bob = doc.participants().get(1);
        assertThat(bob.displayName()).isEqualTo("Bob");
        assertThat(bob.presence()).containsExactly(new TimelineDocument.Span(2_000, 50_000L));
        assertThat(bob.roles())
                .extracting(TimelineDocument.At::value)
                .containsExactly("LISTENER", "SPEAKER", "LISTENER");
        assertThat(bob.hands()).containsExactly(new TimelineDocument.Span(5_000, 7_500L));
        assertThat(bob.mutes()).containsExactly(new TimelineDocument.Span(20_000, 25_000L));

        TimelineDocument.ParticipantView carol = doc.participants().get(2);
        assertThat(carol.removed())
                .isEqualTo(new TimelineDocument.Removal(45_000, "alice", "spam"));
        assertThat(carol.consent()).containsExactly(new TimelineDocument.At(30_000, "false"));
        assertThat(carol.onStage()).isFalse();

        TimelineDocument.ParticipantView alice = doc.participants().get(0);
        assertThat(alice.presence())
                .containsExactly(
                        new TimelineDocument.Span(1_000, 60_000L)); // closed by the room's close
        assertThat(doc.links())
                .singleElement()
                .satisfies(l -> assertThat(l.url()).isEqualTo("https://example.org/agenda"));
        assertThat(doc.events())
                .extracting(e -> e.offsetMs() + " " + e.type() + " " + e.participantId())
                .containsExactly(
                        "1000 role moderator alice",
                        "5000 hand raised bob",
                        "7000 role speaker bob",
                        "9000 link pinned alice",
                        "20000 muted bob",
                        "30000 consent withdrawn carol",
                        "40000 role listener bob",
                        "45000 removed carol");
    }

    @Test
    void shuffledAndRepeatedEventsGiveTheSameStoryAsOrderedOnes() {
        List<RoomEvent> ordered = RoomEvents.everyKind();
        TimelineDocument expected = TimelineDocument.of(inOrder(ordered));
        for (long seed = 1; seed <= 20; seed++) {
            List<RoomEvent> shuffled = new ArrayList<>(ordered);
            shuffled.addAll(ordered.subList(3, 9)); // duplicates
            Collections.shuffle(shuffled, new Random(seed));
            SessionProjection.Refolded refolded = SessionProjection.refold(shuffled, List.of(), 0);
            assertThat(refolded.rejections()).isEmpty();
            assertThat(TimelineDocument.of(refolded.session()))
                    .as("seed " + seed)
                    .isEqualTo(expected);
        }
    }

    @Test
    void refusesWhatBreaksTheRoomsStateMachine() {
        RoomSession s = inOrder(RoomEvents.everyKind().subList(0, 3));
        assertThat(
                        SessionProjection.apply(
                                        s,
                                        RoomEvents.at(3_500, "x")
                                                .setParticipantLeft(
                                                        ParticipantLeft.newBuilder()
                                                                .setParticipantId("zed"))
                                                .build())
                                .update()
                                .reason())
                .isEqualTo("participant 'zed' is not in room 'room-1' and cannot leave");
        assertThat(
                        SessionProjection.apply(
                                        s,
                                        RoomEvents.at(3_600, "y")
                                                .setParticipantJoined(
                                                        ParticipantJoined.newBuilder()
                                                                .setParticipantId("bob"))
                                                .build())
                                .update()
                                .reason())
                .contains("joined room 'room-1' twice");
        assertThat(
                        SessionProjection.apply(
                                        null,
                                        RoomEvents.at(1, "z")
                                                .setHandRaised(
                                                        HandRaised.newBuilder()
                                                                .setParticipantId("bob"))
                                                .build())
                                .update()
                                .reason())
                .contains("not seen open");
        RoomSession closed = inOrder(RoomEvents.everyKind());
        assertThat(
                        SessionProjection.apply(
                                        closed,
                                        RoomEvents.at(70_000, "late")
                                                .setHandRaised(
                                                        HandRaised.newBuilder()
                                                                .setParticipantId("alice"))
                                                .build())
                                .update()
                                .reason())
                .contains("after session 's1' closed");
    }

    @Test
    void mergesCloseTranscriptSegmentsIntoSpeakingIntervals() {
        RoomSession s = inOrder(RoomEvents.everyKind().subList(0, 2));
        long t0 = RoomEvents.T0;
        SessionProjection.speech(s, "alice", t0 + 1_000_000, t0 + 3_000_000);
        SessionProjection.speech(
                s, "alice", t0 + 3_500_000, t0 + 5_000_000); // 0.5 s pause: same interval
        SessionProjection.speech(s, "bob", t0 + 5_200_000, t0 + 6_000_000);
        SessionProjection.speech(
                s, "alice", t0 + 9_000_000, t0 + 10_000_000); // 4 s later: a new one
        assertThat(TimelineDocument.of(s).speaking())
                .containsExactly(
                        new TimelineDocument.SpeechView("alice", 1_000, 5_000),
                        new TimelineDocument.SpeechView("bob", 5_200, 6_000),
                        new TimelineDocument.SpeechView("alice", 9_000, 10_000));
    }
}
