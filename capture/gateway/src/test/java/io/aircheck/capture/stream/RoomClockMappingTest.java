package io.aircheck.capture.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The room-clock mapping against jitter, drift and jumps, with packets of 20 ms at 48 kHz. */
class RoomClockMappingTest {
    static final long T0 = 1_790_000_000_000_000L;
    static final long TICKS = 960;

    /** A sender whose packet k (media [k·960, (k+1)·960)) is complete at T0 + (k+1)·20 ms. */
    static long captureEnd(long k) {
        return T0 + (k + 1) * 20_000;
    }

    @Test
    void jitterDoesNotMoveTheMappingOffTheLeastDelayedPackets() {
        Random random = new Random(7);
        RoomClockMapping mapping = new RoomClockMapping(48_000, Long.MAX_VALUE);
        long base = 5_000; // the path's constant delay
        long worst = 0;
        for (long k = 0; k < 3_000; k++) { // a minute
            long arrival = captureEnd(k) + base + random.nextInt(40_000);
            mapping.observe((k + 1) * TICKS, arrival);
            if (k >= 5) { // the first packet waits a 100 ms hold before it is stamped
                long at = mapping.stamp((k - 5) * TICKS, (k - 4) * TICKS);
                long error = at - (T0 + (k - 5) * 20_000 + base);
                if (k > 150) { // after the first window
                    worst = Math.max(worst, Math.abs(error));
                }
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1_500);
    }

    @Test
    void twoTracksWithDifferentJitterLineUpWithinAFewMilliseconds() {
        RoomClockMapping a = new RoomClockMapping(48_000, Long.MAX_VALUE);
        RoomClockMapping b = new RoomClockMapping(48_000, Long.MAX_VALUE);
        Random random = new Random(11);
        long worst = 0;
        for (long k = 0; k < 1_500; k++) {
            a.observe((k + 1) * TICKS + 1_000_000, captureEnd(k) + random.nextInt(5_000));
            b.observe((k + 1) * TICKS + 77, captureEnd(k) + random.nextInt(60_000));
            if (k >= 5) {
                long ka = k - 5;
                long atA = a.stamp(ka * TICKS + 1_000_000, (ka + 1) * TICKS + 1_000_000);
                long atB = b.stamp(ka * TICKS + 77, (ka + 1) * TICKS + 77);
                if (k > 150) {
                    worst = Math.max(worst, Math.abs(atA - atB));
                }
            }
        }
        assertThat(worst).isLessThanOrEqualTo(3_000);
    }

    /** An hour of a sender whose clock is {@code ppm} off; returns the corrections. */
    static long hourOfDrift(double ppm, long maxErrorUs) {
        RoomClockMapping mapping = new RoomClockMapping(48_000, Long.MAX_VALUE);
        long worst = 0;
        long previous = Long.MIN_VALUE;
        for (long k = 0; k < 180_000; k++) {
            long arrival = T0 + Math.round((k + 1) * 20_000 / (1 + ppm));
            mapping.observe((k + 1) * TICKS, arrival);
            long at = mapping.stamp(k * TICKS, (k + 1) * TICKS);
            assertThat(at).isGreaterThan(previous);
            previous = at;
            worst = Math.max(worst, Math.abs(at + 20_000 - arrival));
        }
        assertThat(worst).isLessThanOrEqualTo(maxErrorUs);
        return mapping.corrections();
    }

    @Test
    void aSenderClockRunningFastIsCorrectedInSteps() {
        // its 20 ms are 19.998 ms: media runs ahead of arrival, 360 ms an hour
        long corrections = hourOfDrift(100e-6, RoomClockMapping.EARLY_LIMIT_US + 500);
        assertThat(corrections).isBetween(250L, 400L);
    }

    @Test
    void aSenderClockRunningSlowIsCorrectedInStepsOnlyWhenTheDelayPersists() {
        long corrections =
                hourOfDrift(-100e-6, RoomClockMapping.DRIFT_US + 1_000); // + two windows of drift
        assertThat(corrections).isBetween(50L, 80L);
    }

    @Test
    void oneCongestedWindowDoesNotMoveTheMapping() {
        RoomClockMapping mapping = new RoomClockMapping(48_000, Long.MAX_VALUE);
        for (long k = 0; k < 1_000; k++) {
            boolean congested = k >= 300 && k < 420; // 2.4 s of everything 30 ms late
            mapping.observe((k + 1) * TICKS, captureEnd(k) + (congested ? 30_000 : 0));
            mapping.stamp(k * TICKS, (k + 1) * TICKS);
        }
        assertThat(mapping.corrections()).isZero();
    }

    @Test
    void aForwardJumpOfTheMediaClockReanchorsAtOnce() {
        RoomClockMapping mapping = new RoomClockMapping(48_000, Long.MAX_VALUE);
        for (long k = 0; k < 100; k++) {
            mapping.observe((k + 1) * TICKS, captureEnd(k));
            mapping.stamp(k * TICKS, (k + 1) * TICKS);
        }
        long jump = 48_000 * 3600; // the sender's timestamps jump an hour ahead
        long k = 100;
        mapping.observe((k + 1) * TICKS + jump, captureEnd(k));
        long at = mapping.stamp(k * TICKS + jump, (k + 1) * TICKS + jump);
        assertThat(at).isEqualTo(captureEnd(k) - 20_000);
        assertThat(mapping.corrections()).isEqualTo(1);
    }

    @Test
    void aRestartedStreamStartsWhereThePreviousOneEndedOrLater() {
        RoomClockMapping mapping = new RoomClockMapping(48_000, Long.MAX_VALUE);
        for (long k = 0; k < 10; k++) {
            mapping.observe((k + 1) * TICKS, captureEnd(k) + 30_000);
            mapping.stamp(k * TICKS, (k + 1) * TICKS);
        }
        long previousEnd = mapping.lastEndUs();
        mapping.restart();
        // the new stream's packets arrive earlier than the old path's (less delay): no overlap
        mapping.observe(123_456 + TICKS, captureEnd(10));
        assertThat(mapping.stamp(123_456, 123_456 + TICKS)).isEqualTo(previousEnd);
        // a stream that starts after a pause keeps the pause
        mapping.restart();
        mapping.observe(9 * TICKS, captureEnd(200));
        assertThat(mapping.stamp(8 * TICKS, 9 * TICKS)).isEqualTo(captureEnd(200) - 20_000);
    }

    @Test
    void aBacklogBurstAtTheStartIsNotPlacedInThePast() {
        RoomClockMapping mapping = new RoomClockMapping(48_000, Long.MAX_VALUE, 200_000);
        for (long k = 0; k < 500; k++) { // ten seconds of media arrive within 50 ms
            mapping.observe((k + 1) * TICKS, T0 + k * 100);
        }
        assertThat(mapping.stamp(0, TICKS)).isEqualTo(T0 - 20_000 - 200_000);
    }

    @Test
    void aLatePieceOfATimestamplessSourceIsAPause() {
        RoomClockMapping pcm = new RoomClockMapping(48_000, 200_000);
        pcm.observe(TICKS, captureEnd(0));
        assertThat(pcm.stamp(0, TICKS)).isEqualTo(T0);
        pcm.observe(2 * TICKS, captureEnd(1) + 3_000_000); // three seconds of nothing
        assertThat(pcm.stamp(TICKS, 2 * TICKS)).isEqualTo(T0 + 20_000 + 3_000_000);
    }
}
