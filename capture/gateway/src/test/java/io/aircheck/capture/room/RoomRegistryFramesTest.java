package io.aircheck.capture.room;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.StreamMark;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoomRegistryFramesTest {
    static final long T0 = RoomRegistryEventsTest.T0;
    static final String SESSION = "20261125T194100123Z";

    RoomRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new RoomRegistry(4096);
        apply(opened("r1", "e1", T0));
        apply(joined("r1", "e2", T0, "alice", Role.SPEAKER));
        apply(published("r1", "e3", T0, "alice", "mic"));
        apply(joined("r1", "e4", T0, "bob", Role.LISTENER));
    }

    void apply(RoomEvent event) {
        EventDecision.Accepted accepted =
                (EventDecision.Accepted) registry.decide(event, "test", T0);
        registry.apply(accepted.event());
    }

    AudioFrame accept(AudioFrame.Builder frame) {
        FrameDecision decision = registry.decideFrame(frame.build());
        assertThat(decision).isInstanceOf(FrameDecision.Accepted.class);
        AudioFrame accepted = ((FrameDecision.Accepted) decision).frame();
        registry.applyFrame(accepted);
        return accepted;
    }

    Rejection reject(AudioFrame.Builder frame) {
        FrameDecision decision = registry.decideFrame(frame.build());
        assertThat(decision).isInstanceOf(FrameDecision.Rejected.class);
        return ((FrameDecision.Rejected) decision).rejection();
    }

    @Test
    void anAcceptedFrameCarriesTheSessionAndTheTracksFormat() {
        AudioFrame accepted =
                accept(
                        frame("r1", "alice", "mic", 0, T0 + 20_000)
                                .clearCodec()
                                .clearSampleRate()
                                .clearChannels());
        assertThat(accepted.getSessionId()).isEqualTo(SESSION);
        assertThat(accepted.getCodec()).isEqualTo(Codec.PCM_S16LE);
        assertThat(accepted.getSampleRate()).isEqualTo(48000);
        assertThat(accepted.getChannels()).isEqualTo(1);
        assertThat(accepted.getDiscontinuity()).isFalse();
        accept(frame("r1", "alice", "mic", 1, T0 + 40_000).setSessionId(SESSION));
    }

    @Test
    void framesOfUnknownOrClosedRoomsAreRefused() {
        assertThat(reject(frame("r9", "alice", "mic", 0, T0)))
                .isEqualTo(
                        new Rejection(
                                Rejection.Code.UNKNOWN_ROOM,
                                "unknown room 'r9': open it with a RoomOpened event first"));
        apply(closed("r1", "e9", T0 + 1));
        assertThat(reject(frame("r1", "alice", "mic", 0, T0 + 2)))
                .isEqualTo(new Rejection(Rejection.Code.CONFLICT, "room 'r1' is closed"));
    }

    @Test
    void framesNeedAPresentParticipantWithThatTrack() {
        assertThat(reject(frame("r1", "carol", "mic", 0, T0)).message())
                .isEqualTo("participant 'carol' is not in room 'r1'");
        assertThat(reject(frame("r1", "bob", "mic", 0, T0)).message())
                .isEqualTo("participant 'bob' has not published track 'mic'");
        assertThat(reject(frame("r1", "alice", "cam", 0, T0)).message())
                .isEqualTo("participant 'alice' has not published track 'cam'");
    }

    @Test
    void framesMustMatchTheTracksFormat() {
        assertThat(reject(frame("r1", "alice", "mic", 0, T0).setCodec(Codec.OPUS)).message())
                .isEqualTo(
                        "frame (OPUS, 48000 Hz, 1 ch) does not match the published track 'mic' (PCM_S16LE, 48000 Hz, 1 channel)");
        assertThat(reject(frame("r1", "alice", "mic", 0, T0).setSampleRate(16000)).code())
                .isEqualTo(Rejection.Code.INVALID);
        assertThat(reject(frame("r1", "alice", "mic", 0, T0).setChannels(2)).code())
                .isEqualTo(Rejection.Code.INVALID);
    }

    @Test
    void payloadsMustBeNonEmptyAndWithinTheMaximum() {
        assertThat(
                        reject(frame("r1", "alice", "mic", 0, T0).setPayload(ByteString.EMPTY))
                                .message())
                .isEqualTo("frame without payload");
        Rejection big =
                reject(
                        frame("r1", "alice", "mic", 0, T0)
                                .setPayload(ByteString.copyFrom(new byte[4097])));
        assertThat(big.code()).isEqualTo(Rejection.Code.TOO_LARGE);
        assertThat(big.message())
                .startsWith("payload of 4097 bytes exceeds the maximum of 4096 bytes");
        accept(frame("r1", "alice", "mic", 0, T0).setPayload(ByteString.copyFrom(new byte[4096])));
    }

    @Test
    void timestampsMustBeOnTheSessionsClock() {
        assertThat(reject(frame("r1", "alice", "mic", 0, 0)).message())
                .startsWith("frame has no timestamp_us");
        assertThat(reject(frame("r1", "alice", "mic", 0, T0 - 1)).message())
                .contains("is before the start of session " + SESSION);
        assertThat(reject(frame("r1", "alice", "mic", 0, T0).setSessionId("old")).code())
                .isEqualTo(Rejection.Code.CONFLICT);
    }

    @Test
    void aSequenceIsAcceptedOnce() {
        AudioFrame first = accept(frame("r1", "alice", "mic", 0, T0));
        accept(frame("r1", "alice", "mic", 1, T0 + 20_000));
        Rejection again = reject(frame("r1", "alice", "mic", 0, T0));
        assertThat(again)
                .isEqualTo(
                        new Rejection(
                                Rejection.Code.DUPLICATE,
                                "sequence 0 of track 'mic' was already accepted"));
        // a write that failed is forgotten: the client may send it again
        registry.forgetFrame(first);
        accept(frame("r1", "alice", "mic", 0, T0));
    }

    @Test
    void aGapInSequencesIsMarkedAndLateFramesStillFit() {
        accept(frame("r1", "alice", "mic", 0, T0));
        AudioFrame afterGap = accept(frame("r1", "alice", "mic", 3, T0 + 60_000));
        assertThat(afterGap.getDiscontinuity()).isTrue();
        AudioFrame late = accept(frame("r1", "alice", "mic", 1, T0 + 20_000));
        assertThat(late.getDiscontinuity()).isFalse();
        accept(frame("r1", "alice", "mic", 5000, T0 + 100_000_000));
        assertThat(reject(frame("r1", "alice", "mic", 2, T0 + 40_000)).message())
                .contains("too late to accept");
    }

    @Test
    void marksAreTheGatewaysAlone() {
        Rejection rejection =
                reject(frame("r1", "alice", "mic", 0, T0).setMark(StreamMark.SESSION_ENDED));
        assertThat(rejection.code()).isEqualTo(Rejection.Code.INVALID);
        assertThat(rejection.message())
                .isEqualTo(
                        "stream marks (SESSION_ENDED) are written by the gateway only; send media frames");
    }

    @Test
    void framesStopWhenTheTrackEnds() {
        accept(frame("r1", "alice", "mic", 0, T0));
        apply(unpublished("r1", "e5", T0 + 1, "alice", "mic"));
        assertThat(reject(frame("r1", "alice", "mic", 1, T0 + 20_000)).message())
                .isEqualTo("participant 'alice' has not published track 'mic'");
        // published anew, the track's sequences start afresh
        apply(published("r1", "e6", T0 + 2, "alice", "mic"));
        accept(frame("r1", "alice", "mic", 0, T0 + 40_000));
    }
}
