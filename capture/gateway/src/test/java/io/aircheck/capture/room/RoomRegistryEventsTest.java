package io.aircheck.capture.room;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.StreamMark;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoomRegistryEventsTest {
    static final long T0 = Instant.parse("2026-11-25T19:41:00.123456Z").toEpochMilli() * 1000 + 456;
    static final long NOW = T0 + 5_000_000;

    RoomRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new RoomRegistry(65536);
    }

    EventDecision.Accepted accept(RoomEvent event) {
        EventDecision decision = registry.decide(event, "simulator", NOW);
        assertThat(decision).isInstanceOf(EventDecision.Accepted.class);
        EventDecision.Accepted accepted = (EventDecision.Accepted) decision;
        registry.apply(accepted.event());
        return accepted;
    }

    Rejection reject(RoomEvent event) {
        EventDecision decision = registry.decide(event, "simulator", NOW);
        assertThat(decision).isInstanceOf(EventDecision.Rejected.class);
        return ((EventDecision.Rejected) decision).rejection();
    }

    void openWithSpeaker() {
        accept(opened("r1", "e1", T0));
        accept(joined("r1", "e2", T0 + 1, "alice", Role.SPEAKER));
        accept(published("r1", "e3", T0 + 2, "alice", "mic"));
    }

    @Test
    void openingARoomStartsASessionNamedAfterItsStart() {
        EventDecision.Accepted accepted = accept(opened("r1", "e1", T0));

        assertThat(accepted.event().getSessionId()).isEqualTo("20261125T194100123Z");
        assertThat(accepted.event().getSource()).isEqualTo("simulator");
        assertThat(accepted.event().getTimestampUs()).isEqualTo(T0);
        assertThat(accepted.marks())
                .containsExactly(
                        AudioFrame.newBuilder()
                                .setRoomId("r1")
                                .setSessionId("20261125T194100123Z")
                                .setTimestampUs(T0)
                                .setMark(StreamMark.SESSION_STARTED)
                                .build());
        assertThat(registry.openSession("r1")).contains("20261125T194100123Z");
        assertThat(registry.openRoomCount()).isEqualTo(1);
    }

    @Test
    void anEventWithoutTimestampIsStampedWithTheGatewayClock() {
        EventDecision.Accepted accepted = accept(opened("r1", "e1", 0));
        assertThat(accepted.event().getTimestampUs()).isEqualTo(NOW);
        assertThat(accepted.event().getSessionId()).isEqualTo("20261125T194105123Z");
    }

    @Test
    void theSessionIdIsTheGatewaysToAssign() {
        RoomEvent wrong = opened("r1", "e1", T0).toBuilder().setSessionId("mine").build();
        assertThat(reject(wrong).code()).isEqualTo(Rejection.Code.INVALID);
        assertThat(reject(wrong).message()).contains("session_id is assigned by the gateway");

        RoomEvent same =
                opened("r1", "e1", T0).toBuilder().setSessionId("20261125T194100123Z").build();
        assertThat(accept(same).event().getSessionId()).isEqualTo("20261125T194100123Z");
    }

    @Test
    void anOpenRoomCannotBeOpenedAgain() {
        accept(opened("r1", "e1", T0));
        Rejection rejection = reject(opened("r1", "e2", T0 + 10));
        assertThat(rejection.code()).isEqualTo(Rejection.Code.CONFLICT);
        assertThat(rejection.message())
                .isEqualTo("room 'r1' is already open (session 20261125T194100123Z)");
    }

    @Test
    void aClosedRoomReopensWithANewSessionUniqueWithinTheRoom() {
        accept(opened("r1", "e1", T0));
        accept(closed("r1", "e2", T0 + 100));
        // reopened within the same millisecond: the id gets a suffix
        assertThat(accept(opened("r1", "e3", T0 + 200)).event().getSessionId())
                .isEqualTo("20261125T194100123Z-2");
        accept(closed("r1", "e4", T0 + 300));
        assertThat(accept(opened("r1", "e5", T0 + 60_000_000L)).event().getSessionId())
                .isEqualTo("20261125T194200123Z");
    }

    @Test
    void eventsOfAnUnknownRoomAreRefused() {
        Rejection rejection = reject(joined("r9", "e1", T0, "bob", Role.LISTENER));
        assertThat(rejection.code()).isEqualTo(Rejection.Code.UNKNOWN_ROOM);
        assertThat(rejection.message()).startsWith("unknown room 'r9'");
    }

    @Test
    void eventsOfAClosedRoomAreRefused() {
        accept(opened("r1", "e1", T0));
        accept(closed("r1", "e2", T0 + 10));
        Rejection rejection = reject(joined("r1", "e3", T0 + 20, "bob", Role.LISTENER));
        assertThat(rejection)
                .isEqualTo(new Rejection(Rejection.Code.CONFLICT, "room 'r1' is closed"));
        assertThat(registry.openRoomCount()).isZero();
    }

    @Test
    void aRepeatedEventIdIsADuplicateAnsweredWithTheOriginal() {
        accept(opened("r1", "e1", T0));
        EventDecision again = registry.decide(opened("r1", "e1", 0), "simulator", NOW + 1);
        assertThat(again)
                .isEqualTo(
                        new EventDecision.Duplicate(
                                new AcceptedEvent("e1", "r1", "20261125T194100123Z", T0)));
        assertThat(registry.decide(joined("r1", "e2", T0 + 5, "bob", Role.LISTENER), "s", NOW))
                .isInstanceOf(EventDecision.Accepted.class);
    }

    @Test
    void aRefusedEventIdMayBeSentAgain() {
        accept(opened("r1", "e1", T0));
        reject(left("r1", "e2", T0 + 1, "bob"));
        accept(joined("r1", "e3", T0 + 2, "bob", Role.LISTENER));
        accept(left("r1", "e2", T0 + 3, "bob"));
    }

    @Test
    void idsMustBeValid() {
        assertThat(reject(opened("bad room", "e1", T0)).message())
                .startsWith("room_id 'bad room' is not a valid id");
        assertThat(reject(opened("r1", "", T0)).message()).isEqualTo("event_id is required");
        accept(opened("r1", "e1", T0));
        assertThat(reject(joined("r1", "e2", T0, "a/b", Role.LISTENER)).code())
                .isEqualTo(Rejection.Code.INVALID);
        RoomEvent badHost =
                opened("r2", "e1", T0).toBuilder()
                        .setRoomOpened(
                                opened("r2", "e1", T0).getRoomOpened().toBuilder().setHostId("h h"))
                        .build();
        assertThat(reject(badHost).message()).startsWith("host_id 'h h'");
    }

    @Test
    void timestampsMustNotPrecedeTheSession() {
        accept(opened("r1", "e1", T0));
        Rejection early = reject(joined("r1", "e2", T0 - 1, "bob", Role.LISTENER));
        assertThat(early.code()).isEqualTo(Rejection.Code.INVALID);
        assertThat(early.message()).contains("before the start of session 20261125T194100123Z");
        assertThat(reject(joined("r1", "e3", -5, "bob", Role.LISTENER)).message())
                .isEqualTo("timestamp_us must not be negative");
    }

    @Test
    void anEventForAnotherSessionIsRefused() {
        accept(opened("r1", "e1", T0));
        RoomEvent stale =
                joined("r1", "e2", T0 + 1, "bob", Role.LISTENER).toBuilder()
                        .setSessionId("20250101T000000000Z")
                        .build();
        assertThat(reject(stale).message())
                .isEqualTo(
                        "event is for session '20250101T000000000Z' but room 'r1' is in session '20261125T194100123Z'");
    }

    @Test
    void laterEventsCarryTheSessionAndSource() {
        accept(opened("r1", "e1", T0));
        RoomEvent event = accept(joined("r1", "e2", T0 + 1, "bob", Role.LISTENER)).event();
        assertThat(event.getSessionId()).isEqualTo("20261125T194100123Z");
        assertThat(event.getSource()).isEqualTo("simulator");
    }

    @Test
    void participantsJoinOnceAsListenersByDefault() {
        accept(opened("r1", "e1", T0));
        accept(joined("r1", "e2", T0 + 1, "bob", Role.ROLE_UNSPECIFIED));
        assertThat(reject(joined("r1", "e3", T0 + 2, "bob", Role.SPEAKER)).message())
                .isEqualTo("participant 'bob' is already in room 'r1'");
        // a listener publishes nothing
        assertThat(reject(published("r1", "e4", T0 + 3, "bob", "mic")).message())
                .isEqualTo(
                        "participant 'bob' is a LISTENER; only speakers and moderators publish tracks");
    }

    @Test
    void eventsAboutAParticipantNeedThemPresent() {
        accept(opened("r1", "e1", T0));
        List<RoomEvent> aboutBob =
                List.of(
                        left("r1", "x1", T0 + 1, "bob"),
                        removed("r1", "x2", T0 + 1, "bob"),
                        roleChanged("r1", "x3", T0 + 1, "bob", Role.SPEAKER),
                        handRaised("r1", "x4", T0 + 1, "bob"),
                        handLowered("r1", "x5", T0 + 1, "bob"),
                        muted("r1", "x6", T0 + 1, "bob"),
                        unmuted("r1", "x7", T0 + 1, "bob"),
                        consent("r1", "x8", T0 + 1, "bob", true),
                        published("r1", "x9", T0 + 1, "bob", "mic"),
                        unpublished("r1", "x10", T0 + 1, "bob", "mic"));
        for (RoomEvent event : aboutBob) {
            assertThat(reject(event))
                    .as(event.getKindCase().name())
                    .isEqualTo(
                            new Rejection(
                                    Rejection.Code.CONFLICT,
                                    "participant 'bob' is not in room 'r1'"));
        }
        accept(joined("r1", "e2", T0 + 2, "bob", Role.LISTENER));
        accept(handRaised("r1", "e3", T0 + 3, "bob"));
        accept(handLowered("r1", "e4", T0 + 4, "bob"));
        accept(muted("r1", "e5", T0 + 5, "bob"));
        accept(unmuted("r1", "e6", T0 + 6, "bob"));
        accept(consent("r1", "e7", T0 + 7, "bob", false));
        accept(linkPinned("r1", "e8", T0 + 8, "https://example.org"));
        assertThat(accept(removed("r1", "e9", T0 + 9, "bob")).marks()).isEmpty();
    }

    @Test
    void roleChangesNeedARole() {
        accept(opened("r1", "e1", T0));
        accept(joined("r1", "e2", T0 + 1, "bob", Role.LISTENER));
        assertThat(reject(roleChanged("r1", "e3", T0 + 2, "bob", Role.ROLE_UNSPECIFIED)).code())
                .isEqualTo(Rejection.Code.INVALID);
        assertThat(accept(roleChanged("r1", "e4", T0 + 3, "bob", Role.MODERATOR)).marks())
                .isEmpty();
        accept(published("r1", "e5", T0 + 4, "bob", "mic"));
    }

    @Test
    void tracksNeedASupportedFormatAndAValidUnusedId() {
        accept(opened("r1", "e1", T0));
        accept(joined("r1", "e2", T0 + 1, "alice", Role.SPEAKER));
        assertThat(
                        reject(
                                        published(
                                                "r1",
                                                "p1",
                                                T0 + 2,
                                                "alice",
                                                "mic",
                                                Codec.CODEC_UNSPECIFIED,
                                                48000,
                                                1))
                                .message())
                .isEqualTo("codec must be OPUS or PCM_S16LE, got 0");
        assertThat(
                        reject(published("r1", "p2", T0 + 2, "alice", "mic", Codec.OPUS, 7999, 1))
                                .message())
                .isEqualTo("sample_rate must be 8000-48000 Hz, got 7999");
        assertThat(
                        reject(published("r1", "p3", T0 + 2, "alice", "mic", Codec.OPUS, 48001, 1))
                                .code())
                .isEqualTo(Rejection.Code.INVALID);
        assertThat(
                        reject(published("r1", "p4", T0 + 2, "alice", "mic", Codec.OPUS, 48000, 0))
                                .message())
                .isEqualTo("channels must be 1 or 2, got 0");
        assertThat(
                        reject(published("r1", "p5", T0 + 2, "alice", "mic", Codec.OPUS, 48000, 3))
                                .code())
                .isEqualTo(Rejection.Code.INVALID);
        assertThat(reject(published("r1", "p6", T0 + 2, "alice", "m i c")).message())
                .startsWith("track_id 'm i c' is not a valid id");
        assertThat(reject(published("r1", "p7", T0 + 2, "alice", "")).message())
                .isEqualTo("track_id is required");
        accept(published("r1", "p8", T0 + 2, "alice", "mic", Codec.OPUS, 8000, 2));
        assertThat(reject(published("r1", "p9", T0 + 3, "alice", "mic")).message())
                .isEqualTo("participant 'alice' has already published track 'mic'");
        accept(published("r1", "p10", T0 + 3, "alice", "screen-audio"));
    }

    @Test
    void unpublishingEndsTheTrack() {
        openWithSpeaker();
        assertThat(reject(unpublished("r1", "u1", T0 + 3, "alice", "cam")).message())
                .isEqualTo("participant 'alice' has not published track 'cam'");
        List<AudioFrame> marks = accept(unpublished("r1", "u2", T0 + 3, "alice", "mic")).marks();
        assertThat(marks)
                .singleElement()
                .satisfies(
                        mark -> {
                            assertThat(mark.getMark()).isEqualTo(StreamMark.TRACK_ENDED);
                            assertThat(mark.getParticipantId()).isEqualTo("alice");
                            assertThat(mark.getTrackId()).isEqualTo("mic");
                            assertThat(mark.getTimestampUs()).isEqualTo(T0 + 3);
                            assertThat(mark.getSessionId()).isEqualTo("20261125T194100123Z");
                            assertThat(mark.getPayload().isEmpty()).isTrue();
                        });
        // published again after unpublishing: fine
        accept(published("r1", "u3", T0 + 4, "alice", "mic"));
    }

    @Test
    void leavingRemovalAndDemotionEndTheParticipantsTracks() {
        openWithSpeaker();
        assertThat(marksOf(accept(left("r1", "l1", T0 + 10, "alice"))))
                .containsExactly("TRACK_ENDED alice/mic");

        accept(joined("r1", "l2", T0 + 11, "alice", Role.SPEAKER));
        accept(published("r1", "l3", T0 + 12, "alice", "mic"));
        assertThat(marksOf(accept(removed("r1", "l4", T0 + 13, "alice"))))
                .containsExactly("TRACK_ENDED alice/mic");

        accept(joined("r1", "l5", T0 + 14, "alice", Role.SPEAKER));
        accept(published("r1", "l6", T0 + 15, "alice", "mic"));
        assertThat(marksOf(accept(roleChanged("r1", "l7", T0 + 16, "alice", Role.LISTENER))))
                .containsExactly("TRACK_ENDED alice/mic");
        assertThat(reject(unpublished("r1", "l8", T0 + 17, "alice", "mic")).code())
                .isEqualTo(Rejection.Code.CONFLICT);
    }

    @Test
    void closingEndsEveryTrackThenTheSession() {
        openWithSpeaker();
        accept(joined("r1", "c1", T0 + 3, "bob", Role.MODERATOR));
        accept(published("r1", "c2", T0 + 4, "bob", "mic"));
        EventDecision.Accepted close = accept(closed("r1", "c3", T0 + 1000));
        assertThat(marksOf(close))
                .containsExactly("TRACK_ENDED alice/mic", "TRACK_ENDED bob/mic", "SESSION_ENDED /");
        assertThat(close.marks())
                .allSatisfy(m -> assertThat(m.getTimestampUs()).isEqualTo(T0 + 1000));
        assertThat(registry.openSession("r1")).isEmpty();
        assertThat(registry.openRoomIds()).isEmpty();
    }

    @Test
    void deciding_doesNotChangeTheRoom() {
        accept(opened("r1", "e1", T0));
        registry.decide(joined("r1", "e2", T0 + 1, "bob", Role.SPEAKER), "s", NOW);
        // not applied: bob is not in the room, the id is not remembered
        assertThat(reject(handRaised("r1", "e3", T0 + 2, "bob")).code())
                .isEqualTo(Rejection.Code.CONFLICT);
        assertThat(registry.decide(joined("r1", "e2", T0 + 1, "bob", Role.SPEAKER), "s", NOW))
                .isInstanceOf(EventDecision.Accepted.class);
    }

    static List<String> marksOf(EventDecision.Accepted accepted) {
        return accepted.marks().stream()
                .map(m -> m.getMark() + " " + m.getParticipantId() + "/" + m.getTrackId())
                .toList();
    }
}
