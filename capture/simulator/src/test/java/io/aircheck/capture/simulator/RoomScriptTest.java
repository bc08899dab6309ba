package io.aircheck.capture.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoomScriptTest {
    static final Path WAV = Path.of("unused.wav");

    RoomScript twoSpeakers() {
        return new RoomScript(
                "demo",
                "A demo",
                "alice",
                List.of(
                        new RoomScript.Speaker("alice", "Alice", WAV, 500_000),
                        new RoomScript.Speaker("bob", "Bob", WAV, 540_000)),
                1_500_000);
    }

    static String describe(RoomScript.Action action) {
        if (action instanceof RoomScript.SendFrame frame) {
            return action.atUs() + " frame " + frame.participantId() + "#" + frame.index();
        }
        var event = ((RoomScript.SendEvent) action).event();
        return action.atUs() + " " + event.getKindCase() + " " + event.getEventId();
    }

    @Test
    void aRoomOpensSpeakersJoinArePromotedPublishSpeakLeaveAndItCloses() {
        List<RoomScript.Action> actions =
                twoSpeakers().actions(Map.of("alice", 3, "bob", 2), Codec.PCM_S16LE);

        assertThat(actions)
                .extracting(RoomScriptTest::describe)
                .containsExactly(
                        "0 ROOM_OPENED open",
                        "470000 PARTICIPANT_JOINED alice-join",
                        "480000 ROLE_CHANGED alice-promote",
                        "490000 TRACK_PUBLISHED alice-publish",
                        "500000 frame alice#0",
                        "510000 PARTICIPANT_JOINED bob-join",
                        "520000 frame alice#1",
                        "520000 ROLE_CHANGED bob-promote",
                        "530000 TRACK_PUBLISHED bob-publish",
                        "540000 frame alice#2",
                        "540000 frame bob#0",
                        "560000 TRACK_UNPUBLISHED alice-unpublish",
                        "560000 frame bob#1",
                        "570000 PARTICIPANT_LEFT alice-leave",
                        "580000 TRACK_UNPUBLISHED bob-unpublish",
                        "590000 PARTICIPANT_LEFT bob-leave",
                        "2090000 ROOM_CLOSED close");
    }

    @Test
    void eventsCarryWhatTheGatewayChecks() {
        List<RoomScript.Action> actions =
                twoSpeakers().actions(Map.of("alice", 3, "bob", 2), Codec.OPUS);
        var events =
                actions.stream()
                        .filter(a -> a instanceof RoomScript.SendEvent)
                        .map(a -> ((RoomScript.SendEvent) a).event())
                        .toList();
        assertThat(events)
                .allSatisfy(e -> assertThat(e.getTimestampUs()).isGreaterThanOrEqualTo(0));
        var opened = events.get(0).getRoomOpened();
        assertThat(opened.getTitle()).isEqualTo("A demo");
        assertThat(opened.getHostId()).isEqualTo("alice");
        var joined = events.get(1).getParticipantJoined();
        assertThat(joined.getRole()).isEqualTo(Role.LISTENER);
        assertThat(joined.getDisplayName()).isEqualTo("Alice");
        assertThat(events.get(2).getRoleChanged().getRole()).isEqualTo(Role.SPEAKER);
        var published = events.get(3).getTrackPublished();
        assertThat(published.getCodec()).isEqualTo(Codec.OPUS);
        assertThat(published.getSampleRate()).isEqualTo(48000);
        assertThat(published.getChannels()).isEqualTo(1);
        assertThat(published.getTrackId()).isEqualTo("mic");
    }

    @Test
    void framesAreTwentyMillisecondsApartFromTheSpeakersOffset() {
        List<RoomScript.Action> actions =
                twoSpeakers().actions(Map.of("alice", 100, "bob", 1), Codec.PCM_S16LE);
        List<RoomScript.SendFrame> alice =
                actions.stream()
                        .filter(
                                a ->
                                        a instanceof RoomScript.SendFrame f
                                                && f.participantId().equals("alice"))
                        .map(a -> (RoomScript.SendFrame) a)
                        .toList();
        assertThat(alice).hasSize(100);
        for (int i = 0; i < alice.size(); i++) {
            assertThat(alice.get(i).index()).isEqualTo(i);
            assertThat(alice.get(i).atUs()).isEqualTo(500_000 + i * 20_000L);
        }
        // the room closes the tail after the last speaker leaves
        assertThat(actions.get(actions.size() - 1).atUs())
                .isEqualTo(500_000 + 100 * 20_000 + 10_000 + 1_500_000);
    }

    @Test
    void badScriptsAreRefused() {
        assertThatThrownBy(() -> new RoomScript.Speaker("alice", null, WAV, 10_000))
                .hasMessageContaining("the earliest start is 30000");
        assertThatThrownBy(() -> new RoomScript.Speaker("a b", null, WAV, 500_000))
                .hasMessageContaining("participant id 'a b' is not a valid id");
        assertThatThrownBy(() -> new RoomScript("demo", "t", "h", List.of(), 0))
                .hasMessageContaining("at least one speaker");
        var alice = new RoomScript.Speaker("alice", null, WAV, 500_000);
        assertThatThrownBy(() -> new RoomScript("demo", "t", "h", List.of(alice, alice), 0))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> twoSpeakers().actions(Map.of("alice", 3), Codec.PCM_S16LE))
                .hasMessageContaining("no audio for speaker 'bob'");
    }
}
