package io.aircheck.capture.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.capture.room.EventDecision;
import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.TrackPublished;
import io.aircheck.protocol.v1.TrackUnpublished;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated rooms: realistic, repeatable, and every step valid for the gateway's state machine. */
class ScenarioGeneratorTest {
    static final List<Integer> CLIPS = List.of(150, 220, 90);
    static final long T0 = 1_790_000_000_000_000L;

    /** Plays the plan's steps through the real room state machine; returns the kinds accepted. */
    static List<String> replay(RoomPlan plan) {
        RoomRegistry registry = new RoomRegistry(65536);
        Set<String> onAir = new HashSet<>();
        Map<String, Long> framesOnAir = new HashMap<>();
        List<String> kinds = new java.util.ArrayList<>();
        for (RoomPlan.Step step : plan.steps()) {
            RoomEvent event = null;
            if (step instanceof RoomPlan.Event e) {
                event = e.event();
            } else if (step instanceof RoomPlan.Publish p) {
                event =
                        RoomEvent.newBuilder()
                                .setEventId("pub-" + p.participantId() + "-" + p.atUs())
                                .setTrackPublished(
                                        TrackPublished.newBuilder()
                                                .setParticipantId(p.participantId())
                                                .setTrackId("mic")
                                                .setCodec(Codec.OPUS)
                                                .setSampleRate(48000)
                                                .setChannels(1))
                                .build();
                onAir.add(p.participantId());
            } else if (step instanceof RoomPlan.Unpublish u) {
                event =
                        RoomEvent.newBuilder()
                                .setEventId("unpub-" + u.participantId())
                                .setTrackUnpublished(
                                        TrackUnpublished.newBuilder()
                                                .setParticipantId(u.participantId())
                                                .setTrackId("mic"))
                                .build();
                onAir.remove(u.participantId());
            } else if (step instanceof RoomPlan.Turn t) {
                assertThat(onAir)
                        .as("%s speaks at %d while on air", t.participantId(), t.atUs())
                        .contains(t.participantId());
                framesOnAir.merge(t.participantId(), (long) t.frames(), Long::sum);
                continue;
            }
            event =
                    event.toBuilder()
                            .setRoomId(plan.roomId())
                            .setTimestampUs(T0 + step.atUs())
                            .build();
            EventDecision decision = registry.decide(event, "test", T0);
            assertThat(decision)
                    .as("%s at %d", event.getKindCase(), step.atUs())
                    .isInstanceOf(EventDecision.Accepted.class);
            registry.apply(((EventDecision.Accepted) decision).event());
            if (event.hasRoleChanged() && event.getRoleChanged().getRoleValue() == 1) {
                onAir.remove(event.getRoleChanged().getParticipantId());
            }
            kinds.add(event.getKindCase().name());
        }
        assertThat(registry.openRoomCount()).isZero();
        return kinds;
    }

    @Test
    void aRoomTakesTurnsPromotesDemotesAndEveryStepIsValid() {
        var settings = new ScenarioGenerator.Settings(3, 4, 6, 60_000_000, false, 42, "room");
        List<RoomPlan> plans = ScenarioGenerator.generate(settings, CLIPS);
        assertThat(plans)
                .extracting(RoomPlan::roomId)
                .containsExactly("room-1", "room-2", "room-3");
        for (RoomPlan plan : plans) {
            List<String> kinds = replay(plan);
            assertThat(kinds.get(0)).isEqualTo("ROOM_OPENED");
            assertThat(kinds.get(kinds.size() - 1)).isEqualTo("ROOM_CLOSED");
            assertThat(kinds)
                    .contains(
                            "HAND_RAISED",
                            "HAND_LOWERED",
                            "ROLE_CHANGED",
                            "MUTED",
                            "UNMUTED",
                            "TRACK_PUBLISHED",
                            "TRACK_UNPUBLISHED",
                            "PARTICIPANT_LEFT");
            assertThat(kinds.stream().filter(k -> k.equals("PARTICIPANT_JOINED"))).hasSize(4 + 6);
            assertThat(plan.turns()).hasSizeGreaterThan(8);
            assertThat(plan.turns().stream().map(RoomPlan.Turn::participantId).distinct())
                    .hasSize(4);
            // one speaker is demoted after their first turn and speaks no more
            RoomPlan.Event demotion =
                    plan.events().stream()
                            .filter(
                                    e ->
                                            e.event().hasRoleChanged()
                                                    && e.event().getRoleChanged().getRoleValue()
                                                            == 1)
                            .findFirst()
                            .orElseThrow();
            String demoted = demotion.event().getRoleChanged().getParticipantId();
            assertThat(plan.turns())
                    .filteredOn(t -> t.participantId().equals(demoted))
                    .hasSize(1)
                    .allSatisfy(t -> assertThat(t.endUs()).isLessThan(demotion.atUs()));
        }
        assertThat(ScenarioGenerator.generate(settings, CLIPS)).isEqualTo(plans);
        assertThat(
                        ScenarioGenerator.generate(
                                new ScenarioGenerator.Settings(
                                        3, 4, 6, 60_000_000, false, 43, "room"),
                                CLIPS))
                .isNotEqualTo(plans);
    }

    @Test
    void continuousRoomsHaveEverySpeakerTalkingUntilTheEnd() {
        var settings = new ScenarioGenerator.Settings(2, 5, 0, 10_000_000, true, 1, "load");
        for (RoomPlan plan : ScenarioGenerator.generate(settings, CLIPS)) {
            replay(plan);
            assertThat(plan.turns())
                    .hasSize(5)
                    .allSatisfy(
                            t -> {
                                assertThat(t.endUs()).isBetween(9_980_000L, 10_000_000L);
                                assertThat(t.frames()).isGreaterThan(CLIPS.get(1)); // clips loop
                            });
        }
    }

    @Test
    void aScriptedRoomBecomesAPlan() {
        RoomScript script =
                new RoomScript(
                        "r1",
                        "T",
                        "alice",
                        List.of(
                                new RoomScript.Speaker(
                                        "alice", "A", java.nio.file.Path.of("a.wav"), 500_000),
                                new RoomScript.Speaker(
                                        "bob", "B", java.nio.file.Path.of("b.wav"), 1_500_000)),
                        1_000_000);
        RoomPlan plan = script.plan(Map.of("alice", 100, "bob", 50));
        replay(plan);
        assertThat(plan.turns())
                .extracting(
                        t ->
                                t.participantId()
                                        + "@"
                                        + t.atUs()
                                        + "x"
                                        + t.frames()
                                        + "/clip"
                                        + t.clip())
                .containsExactly("alice@500000x100/clip0", "bob@1500000x50/clip1");
        assertThat(plan.endUs()).isEqualTo(Math.max(2_500_000, 2_500_000) + 10_000 + 1_000_000);
    }
}
