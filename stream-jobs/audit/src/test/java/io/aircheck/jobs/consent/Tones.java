package io.aircheck.jobs.consent;

import io.aircheck.media.PcmAudio;

/** Test audio: tones, and how much of a frequency a signal holds (Goertzel). */
final class Tones {
    private Tones() {}

    static PcmAudio tone(double hz, double seconds) {
        int n = (int) Math.round(seconds * 48_000);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / 48_000));
        }
        return new PcmAudio(s, 48_000, 1);
    }

    /** Root-mean-square amplitude of {@code hz} in samples [from, to). */
    static double level(short[] samples, int from, int to, double hz) {
        double w = 2 * Math.PI * hz / 48_000;
        double c = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = samples[i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - c * s1 * s2;
        return Math.sqrt(2 * power) / (to - from);
    }
}
