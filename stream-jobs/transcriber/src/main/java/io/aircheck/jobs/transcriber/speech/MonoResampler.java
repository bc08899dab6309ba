package io.aircheck.jobs.transcriber.speech;

import java.util.Arrays;

/**
 * Streaming sample-rate conversion of one mono track to 16 kHz (the recognizer's rate), by
 * windowed-sinc interpolation with a low-pass at 0.45 of the lower rate, so 48 kHz input does not
 * alias into the speech band. The state (the last input samples and the fractional read position)
 * is plain data, kept in Flink state: a restored job continues the same output sample for sample.
 * The output lags the input by the filter's half width (a fraction of a millisecond).
 */
public final class MonoResampler {
    static final int TARGET_RATE = SpeechRecognizer.SAMPLE_RATE;
    private static final int HALF_TAPS = 8;

    /** Input rate in Hz. */
    public int inputRate;

    /** Input samples kept from the previous call, as floats. */
    public float[] history = new float[0];

    /** Output samples produced so far. */
    public long produced;

    /** Input-sample index (from the track's first sample) of {@code history[0]}. */
    public long historyStart;

    public MonoResampler() {}

    public MonoResampler(int inputRate) {
        if (inputRate < 8_000 || inputRate > 192_000) {
            throw new IllegalArgumentException("unsupported input rate " + inputRate + " Hz");
        }
        this.inputRate = inputRate;
        int half = halfWidth();
        this.history = new float[half];
        this.historyStart = -half;
    }

    /** The 16 kHz samples that {@code mono} (at the input rate) completes. */
    public short[] process(short[] mono) {
        if (inputRate == TARGET_RATE) {
            return mono;
        }
        double step = (double) inputRate / TARGET_RATE;
        int half = halfWidth();
        float[] buf = Arrays.copyOf(history, history.length + mono.length);
        for (int i = 0; i < mono.length; i++) {
            buf[history.length + i] = mono[i];
        }
        double cutoff = Math.min(1.0, 1.0 / step) * 0.9;
        long available = historyStart + buf.length; // absolute index after the last input sample
        short[] out = new short[(int) Math.max(0, (available - historyStart) / step) + 2];
        int n = 0;
        while (true) {
            // the absolute position of output sample `produced`, computed the same way every
            // time, so how the input is chunked never changes a sample
            double at = (double) (produced * inputRate) / TARGET_RATE;
            if ((long) Math.floor(at) + half + 1 >= available) {
                break;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = clip(interpolate(buf, at - historyStart, half, cutoff));
            produced++;
        }
        double next = (double) (produced * inputRate) / TARGET_RATE;
        long keepFrom = Math.max(historyStart, Math.min(available, (long) Math.floor(next) - half));
        history = Arrays.copyOfRange(buf, (int) (keepFrom - historyStart), buf.length);
        historyStart = keepFrom;
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private int halfWidth() {
        double step = (double) inputRate / TARGET_RATE;
        return (int) Math.ceil(HALF_TAPS * Math.max(1.0, step));
    }

    /**
     * The filter's taps for {@link #PHASES} fractional positions, per input rate: computed once
     * (sin and cos per tap per output sample cost more than the rest of the transcriber's signal
     * path together).
     */
    private static final java.util.Map<Integer, float[][]> KERNELS =
            new java.util.concurrent.ConcurrentHashMap<>();

    static final int PHASES = 512;

    private static float[][] kernel(int inputRate, int half, double cutoff) {
        return KERNELS.computeIfAbsent(
                inputRate,
                rate -> {
                    float[][] table = new float[PHASES + 1][2 * half + 2];
                    for (int phase = 0; phase <= PHASES; phase++) {
                        double frac = (double) phase / PHASES;
                        for (int j = -half; j <= half + 1; j++) {
                            double t = frac - j; // distance from the output position to tap j
                            double x = cutoff * t;
                            double sinc = x == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
                            double window =
                                    Math.abs(t) > half + 1
                                            ? 0
                                            : 0.5 + 0.5 * Math.cos(Math.PI * t / (half + 1));
                            table[phase][j + half] = (float) (cutoff * sinc * window);
                        }
                    }
                    return table;
                });
    }

    private double interpolate(float[] buf, double at, int half, double cutoff) {
        int base = (int) Math.floor(at);
        int phase = (int) Math.round((at - base) * PHASES);
        float[] taps = kernel(inputRate, half, cutoff)[phase];
        double sum = 0;
        for (int j = -half; j <= half + 1; j++) {
            int k = base + j;
            if (k >= 0 && k < buf.length) {
                sum += buf[k] * taps[j + half];
            }
        }
        return sum;
    }

    private static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
}
