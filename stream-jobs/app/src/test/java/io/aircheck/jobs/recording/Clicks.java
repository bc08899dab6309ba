package io.aircheck.jobs.recording;

/** Finds a click (a short high-frequency burst) in decoded audio near where it is expected. */
final class Clicks {
    private Clicks() {}

    /**
     * The room-clock time (µs) of the strongest burst within ±{@code windowUs} of {@code
     * expectedUs}, in mono 48 kHz audio whose sample 0 is at {@code startUs}; its onset, taken as 2
     * ms (half the burst) before the peak of its high-passed energy.
     */
    static long find(short[] pcm, long startUs, long expectedUs, long windowUs) {
        int rate = ClickRoom.RATE;
        int from = (int) Math.max(1, (expectedUs - windowUs - startUs) * rate / 1_000_000L);
        int to =
                (int)
                        Math.min(
                                pcm.length - 48,
                                (expectedUs + windowUs - startUs) * rate / 1_000_000L);
        double best = -1;
        int at = -1;
        for (int i = from; i < to; i++) {
            double energy = 0;
            for (int j = i; j < i + 48; j++) { // 1 ms
                double d = pcm[j] - pcm[j - 1];
                energy += d * d;
            }
            if (energy > best) {
                best = energy;
                at = i;
            }
        }
        if (at < 0) {
            throw new AssertionError("no audio around " + expectedUs);
        }
        long peakUs = startUs + (at + 24) * 1_000_000L / rate;
        return peakUs - 2_000;
    }
}
