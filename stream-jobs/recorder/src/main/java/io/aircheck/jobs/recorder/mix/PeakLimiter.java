package io.aircheck.jobs.recorder.mix;

/**
 * Keeps the summed mix below full scale. Below the threshold it does nothing at all (unity gain, so
 * a lone speaker is never pumped); above, the gain drops at once to what keeps the peak at the
 * threshold and recovers smoothly (release) once the overlap is over. The gain is the only state
 * and is carried from chunk to chunk, so a chunk boundary is inaudible.
 */
public final class PeakLimiter {
    /** -1 dBFS. */
    public static final double THRESHOLD = 0.891 * 32767;

    /**
     * A released gain this close to unity (-0.00001 dB) is unity again: the release only approaches
     * 1.0 and, in doubles, would stop a hair below it for good, leaving every later sample of the
     * session on the arithmetic path instead of the pass-through.
     */
    private static final double UNITY = 1.0 - 1e-6;

    private final double releasePerSample;
    private double gain;

    /**
     * @param gain the gain the previous chunk ended with (1.0 to start)
     * @param releaseMs time for the gain to recover most of the way (e.g. 80 ms)
     */
    public PeakLimiter(double gain, int sampleRate, double releaseMs) {
        this.gain = gain;
        this.releasePerSample = 1 - Math.exp(-1000.0 / (releaseMs * sampleRate));
    }

    /** Limits {@code sum} (the raw sum of the tracks) into 16-bit samples. */
    public short[] apply(int[] sum) {
        short[] out = new short[sum.length];
        for (int i = 0; i < sum.length; i++) {
            if (gain == 1.0 && sum[i] <= THRESHOLD && sum[i] >= -THRESHOLD) {
                out[i] = (short) sum[i]; // what the arithmetic below gives, without it
                continue;
            }
            double x = sum[i];
            double peak = Math.abs(x);
            double needed = peak > THRESHOLD ? THRESHOLD / peak : 1.0;
            if (needed < gain) {
                gain = needed;
            } else {
                gain += (1.0 - gain) * releasePerSample;
                if (gain >= UNITY) {
                    gain = 1.0;
                }
                if (peak * gain > THRESHOLD) {
                    gain = needed;
                }
            }
            double y = x * gain;
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(y)));
        }
        return out;
    }

    /** The gain to carry into the next chunk. */
    public double gain() {
        return gain;
    }
}
