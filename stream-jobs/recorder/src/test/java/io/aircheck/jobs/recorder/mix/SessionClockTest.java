package io.aircheck.jobs.recorder.mix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionClockTest {
    private final SessionClock clock = new SessionClock(1_000_000_000L, 48_000, 192_000);

    @Test
    void mapsRoomClockToSamples() {
        assertThat(clock.sampleAt(1_000_000_000L)).isZero();
        assertThat(clock.sampleAt(1_000_020_000L)).isEqualTo(960);
        assertThat(clock.sampleAt(999_999_990L)).isEqualTo(-1);
        assertThat(clock.timeOf(48_000)).isEqualTo(1_001_000_000L);
    }

    @Test
    void cutsSessionsIntoChunksWithAPartialLastOne() {
        assertThat(clock.chunkStartUs(1)).isEqualTo(1_004_000_000L);
        assertThat(clock.chunkEndUs(1)).isEqualTo(1_008_000_000L);
        long end = 1_000_000_000L + 9_500_000L; // 9.5 s
        assertThat(clock.chunkCount(end)).isEqualTo(3);
        assertThat(clock.chunkLength(0, end)).isEqualTo(192_000);
        assertThat(clock.chunkLength(2, end)).isEqualTo(72_000);
        assertThat(clock.chunkLength(2, -1)).isEqualTo(192_000);
        assertThat(clock.chunkCount(1_000_000_000L)).isZero();
    }
}
