package io.aircheck.jobs.recorder.mix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeakLimiterTest {

    @Test
    void leavesALoneSpeakerUntouched() {
        PeakLimiter limiter = new PeakLimiter(1.0, 48_000, 80);
        int[] speech = new int[48_000];
        for (int i = 0; i < speech.length; i++) {
            speech[i] = (int) (20_000 * Math.sin(i * 2 * Math.PI * 220 / 48_000));
        }
        short[] out = limiter.apply(speech);
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isEqualTo((short) speech[i]);
        }
        assertThat(limiter.gain()).isEqualTo(1.0);
    }

    @Test
    void keepsOverlappingSpeakersBelowFullScaleAndRecovers() {
        PeakLimiter limiter = new PeakLimiter(1.0, 48_000, 80);
        int[] loud = new int[48_000];
        for (int i = 0; i < 24_000; i++) {
            loud[i] = (int) (60_000 * Math.sin(i * 2 * Math.PI * 220 / 48_000));
        }
        for (int i = 24_000; i < loud.length; i++) {
            loud[i] = (int) (10_000 * Math.sin(i * 2 * Math.PI * 220 / 48_000));
        }
        short[] out = limiter.apply(loud);
        for (short s : out) {
            assertThat(Math.abs((int) s))
                    .isLessThanOrEqualTo((int) Math.ceil(PeakLimiter.THRESHOLD));
        }
        // 0.5 s after the overlap the gain is back near unity.
        assertThat(limiter.gain()).isGreaterThan(0.99);
    }

    @Test
    void carriesItsGainAcrossChunks() {
        PeakLimiter first = new PeakLimiter(1.0, 48_000, 80);
        first.apply(new int[] {80_000});
        double carried = first.gain();
        assertThat(carried).isLessThan(0.5);
        PeakLimiter next = new PeakLimiter(carried, 48_000, 80);
        short[] out = next.apply(new int[] {20_000});
        assertThat(out[0]).isLessThan((short) 20_000);
    }

    @Test
    void returnsToExactUnityAfterAnOverloadSoQuietAudioPassesThroughAgain() {
        PeakLimiter limiter = new PeakLimiter(1.0, 48_000, 80);
        limiter.apply(new int[] {80_000});
        int[] quiet = new int[96_000]; // 2 s of release: 25 time constants
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] = (int) (10_000 * Math.sin(i * 2 * Math.PI * 220 / 48_000));
        }
        limiter.apply(quiet);
        assertThat(limiter.gain()).isEqualTo(1.0);
        short[] out = new PeakLimiter(limiter.gain(), 48_000, 80).apply(quiet);
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isEqualTo((short) quiet[i]);
        }
    }
}
