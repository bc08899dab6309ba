package io.aircheck.jobs.recorder.track;

import static io.aircheck.jobs.recorder.track.TrackFrames.T0;
import static io.aircheck.jobs.recorder.track.TrackFrames.opus;
import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.jobs.recorder.mix.AudioCodec;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.media.OpusPackets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpusTrackPlacementTest {
    private static TrackState track(long offsetUs) {
        return TrackState.start("alice", "mic", AudioCodec.OPUS, 48_000, 1, offsetUs, 48_000, 0, 0);
    }

    @Test
    void packetsGoInAsTheyCameBackToBack() {
        List<Frame> frames = List.of(opus(0, T0), opus(1, T0 + 20_000), opus(2, T0 + 40_000));
        OpusTrackPlacement.Placement placed = OpusTrackPlacement.place(track(T0), frames);
        assertThat(placed.packets())
                .containsExactly(
                        frames.get(0).payload(), frames.get(1).payload(), frames.get(2).payload());
        assertThat(placed.track().granule()).isEqualTo(3 * 960);
        assertThat(placed.track().lastToc()).isEqualTo(31 << 3);
        assertThat(placed.track().lostSamples()).isZero();
    }

    @Test
    void aGapBecomesLostFramesSoLaterPacketsStayOnTheRoomClock() {
        // packets 3..52 never arrived (1 s), then one comes 2.5 ms late as well
        List<Frame> frames =
                List.of(
                        opus(0, T0),
                        opus(1, T0 + 20_000),
                        opus(2, T0 + 40_000),
                        opus(53, T0 + 1_062_500));
        OpusTrackPlacement.Placement placed = OpusTrackPlacement.place(track(T0), frames);
        long position = 0;
        for (byte[] p : placed.packets()) {
            if (p == frames.get(3).payload()) {
                break;
            }
            position += OpusPackets.samples(p);
        }
        assertThat(position).isEqualTo(51_000); // 1.0625 s at 48 kHz: where the timestamp says
        assertThat(placed.track().lostSamples()).isEqualTo(51_000 - 3 * 960);
        assertThat(placed.packets().get(3)).hasSize(2); // a zero-length-frame packet
        assertThat(placed.track().granule()).isEqualTo(51_000 + 960);
    }

    @Test
    void smallJitterIsAbsorbedButAnOverlappingPacketIsLeftOut() {
        TrackState t = track(T0);
        OpusTrackPlacement.Placement first =
                OpusTrackPlacement.place(t, List.of(opus(0, T0), opus(1, T0 + 19_000)));
        assertThat(first.packets()).hasSize(2); // 1 ms early: appended
        OpusTrackPlacement.Placement second =
                OpusTrackPlacement.place(first.track(), List.of(opus(2, T0 + 20_000)));
        assertThat(second.dropped()).hasSize(1); // would start 20 ms into audio already placed
        assertThat(second.track().droppedFrames()).isEqualTo(1);
        assertThat(second.track().granule()).isEqualTo(2 * 960);
    }

    @Test
    void theTrackContinuesAcrossChunks() {
        OpusTrackPlacement.Placement a =
                OpusTrackPlacement.place(
                        track(T0 + 500_000), List.of(opus(0, T0 + 500_000), opus(1, T0 + 520_000)));
        OpusTrackPlacement.Placement b =
                OpusTrackPlacement.place(
                        a.track(), List.of(opus(2, T0 + 540_000), opus(4, T0 + 580_000)));
        assertThat(b.packets()).hasSize(3); // packet 3 lost: one 20 ms lost frame in between
        assertThat(OpusPackets.samples(b.packets().get(1))).isEqualTo(960);
        assertThat(b.track().granule()).isEqualTo(5 * 960);
    }
}
