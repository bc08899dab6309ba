package io.aircheck.jobs.transcriber;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RoomTracksFunctionTest {
    private static final long T0 = 1_764_000_000_000_000L;

    private static TrackAudio mark(TrackAudio.Kind kind, String session, long atUs) {
        return new TrackAudio(
                kind, "room", session, "", "", 0, atUs, null, 0, 0, new byte[0], 0, 0);
    }

    private static TrackAudio media(String participant, String session, long seq, long atUs) {
        return new TrackAudio(
                TrackAudio.Kind.MEDIA,
                "room",
                session,
                participant,
                "mic",
                seq,
                atUs,
                TrackAudio.Codec.PCM_S16LE,
                48_000,
                1,
                new byte[1920],
                0,
                seq);
    }

    @Test
    void roomWideMarksReachEveryTrackAndFramesOfNoSessionAreRefused() throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new RoomTracksFunction()),
                        TrackAudio::roomId,
                        Types.STRING);
        h.open();
        for (TrackAudio f :
                List.of(
                        media("alice", "s1", 0, T0), // before the session started
                        mark(TrackAudio.Kind.SESSION_STARTED, "s1", T0),
                        media("alice", "s1", 0, T0),
                        media("bob", "s1", 0, T0 + 20_000),
                        media("alice", "s1", 1, T0 + 1_100_000), // a second of room clock: a tick
                        mark(TrackAudio.Kind.SESSION_ENDED, "s1", T0 + 2_000_000),
                        media("bob", "s1", 1, T0 + 2_100_000))) {
            h.processElement(new StreamRecord<>(f));
        }
        List<String> out =
                h.extractOutputValues().stream()
                        .map(
                                f ->
                                        f.kind()
                                                + " "
                                                + f.participantId()
                                                + " "
                                                + (f.timestampUs() - T0) / 1000)
                        .toList();
        assertThat(out)
                .containsExactly(
                        "MEDIA alice 0",
                        "MEDIA bob 20",
                        "MEDIA alice 1100",
                        "CLOCK alice 1100",
                        "CLOCK bob 1100",
                        "TRACK_ENDED alice 2000",
                        "TRACK_ENDED bob 2000");
        List<String> reasons =
                h.getSideOutput(Rejections.TAG).stream().map(r -> r.getValue().reason()).toList();
        assertThat(reasons)
                .containsExactly(
                        "no session 's1' is open in room 'room'", "session 's1' already ended");
        Rejected first = h.getSideOutput(Rejections.TAG).peek().getValue();
        assertThat(first.sourceTopic()).isEqualTo("room.audio");
        h.close();
    }
}
