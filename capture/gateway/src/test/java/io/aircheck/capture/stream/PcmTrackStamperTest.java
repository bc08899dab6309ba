package io.aircheck.capture.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PcmTrackStamperTest {
    static final long T0 = 1_790_000_000_000_000L;

    @Test
    void piecesAreContinuousFromTheFirstArrival() {
        PcmTrackStamper stamper = new PcmTrackStamper(48_000, 2);
        StampedFrame a = stamper.stamp(new byte[3840], T0 + 20_000); // 20 ms stereo
        StampedFrame b = stamper.stamp(new byte[1920], T0 + 31_000); // 10 ms, a little late
        StampedFrame c = stamper.stamp(new byte[1920], T0 + 40_000);
        assertThat(a.timestampUs()).isEqualTo(T0);
        assertThat(a.durationUs()).isEqualTo(20_000);
        assertThat(b.timestampUs()).isEqualTo(T0 + 20_000);
        assertThat(c.timestampUs()).isEqualTo(T0 + 30_000);
        assertThat(c.relativeSequence()).isEqualTo(2);
    }

    @Test
    void aPartialSampleWaitsForTheNextPiece() {
        PcmTrackStamper stamper = new PcmTrackStamper(48_000, 1);
        assertThat(stamper.stamp(new byte[] {1}, T0)).isNull();
        StampedFrame f = stamper.stamp(new byte[] {2, 3, 4}, T0 + 1);
        assertThat(f.payload()).containsExactly(1, 2, 3, 4);
        StampedFrame g = stamper.stamp(new byte[] {5, 6, 7}, T0 + 2);
        assertThat(g.payload()).containsExactly(5, 6);
        assertThat(stamper.carriedBytes()).isEqualTo(1);
    }

    @Test
    void aPauseOrAMuteLeavesSilence() {
        PcmTrackStamper stamper = new PcmTrackStamper(16_000, 1);
        stamper.stamp(new byte[640], T0 + 20_000);
        StampedFrame afterPause = stamper.stamp(new byte[640], T0 + 2_040_000);
        assertThat(afterPause.timestampUs()).isEqualTo(T0 + 2_020_000);
        stamper.muted();
        StampedFrame afterMute = stamper.stamp(new byte[640], T0 + 2_100_000);
        assertThat(afterMute.timestampUs()).isEqualTo(T0 + 2_080_000);
    }
}
