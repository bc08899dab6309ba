package io.aircheck.media;

/** Test signals and the measurements the tests make on them. */
final class Signals {

    private Signals() {}

    /**
     * A sine of {@code frequency} Hz at {@code amplitude} (0..1 of full scale), the same on every
     * channel.
     */
    static PcmAudio sine(
            double frequency, double seconds, int rate, int channels, double amplitude) {
        int frames = (int) Math.round(seconds * rate);
        short[] samples = new short[frames * channels];
        for (int f = 0; f < frames; f++) {
            short value =
                    (short)
                            Math.round(
                                    amplitude
                                            * 32767
                                            * Math.sin(2 * Math.PI * frequency * f / rate));
            for (int c = 0; c < channels; c++) {
                samples[f * channels + c] = value;
            }
        }
        return new PcmAudio(samples, rate, channels);
    }

    /** A linear sweep from {@code f0} to {@code f1} Hz (no period, so its lag is unambiguous). */
    static PcmAudio chirp(double f0, double f1, double seconds, int rate, double amplitude) {
        int frames = (int) Math.round(seconds * rate);
        short[] samples = new short[frames];
        double k = (f1 - f0) / seconds;
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            samples[i] =
                    (short)
                            Math.round(
                                    amplitude
                                            * 32767
                                            * Math.sin(2 * Math.PI * (f0 * t + k * t * t / 2)));
        }
        return new PcmAudio(samples, rate, 1);
    }

    /** Relative power at {@code frequency} in mono samples [from, to) (Goertzel). */
    static double power(short[] mono, int from, int to, double frequency, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = mono[i] / 32768.0 + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / ((double) (to - from) * (to - from));
    }

    /** The strongest of {@code candidates} (Hz) in the middle of the signal. */
    static double dominantFrequency(PcmAudio pcm, double... candidates) {
        short[] mono = pcm.toMono().samples();
        int from = mono.length / 4;
        int to = mono.length * 3 / 4;
        double best = Double.NaN;
        double bestPower = -1;
        for (double candidate : candidates) {
            double p = power(mono, from, to, candidate, pcm.sampleRate());
            if (p > bestPower) {
                bestPower = p;
                best = candidate;
            }
        }
        return best;
    }

    /** Pearson correlation of a[i] and b[i + lag] over the overlap. */
    static double correlation(short[] a, short[] b, int lag) {
        int n = Math.min(a.length, b.length - lag);
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int i = 0; i < n; i++) {
            double x = a[i];
            double y = b[i + lag];
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
        }
        double cov = sab - sa * sb / n;
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        return cov / Math.sqrt(va * vb);
    }

    /** The lag in [0, maxLag] at which b best matches a, and that correlation. */
    static double[] bestLag(short[] a, short[] b, int maxLag) {
        double best = -2;
        int bestLag = 0;
        for (int lag = 0; lag <= maxLag; lag++) {
            double c = correlation(a, b, lag);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        return new double[] {bestLag, best};
    }
}
