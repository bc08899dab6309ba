package io.aircheck.jobs.transcriber.speech;

import java.util.Random;

/** Synthetic test signals at 16 kHz: speech-like bursts, background hiss, tones. */
public final class Signals {
    private Signals() {}

    /** A faint background hiss (-70 dBFS), as a real microphone has. */
    public static short[] hiss(double seconds, long seed) {
        Random random = new Random(seed);
        short[] s = new short[(int) (seconds * 16_000)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(random.nextGaussian() * 10);
        }
        return s;
    }

    /**
     * Speech-like sound: a 150 Hz buzz with harmonics in syllables of 200 ms separated by 60 ms
     * dips of -25 dB, about -20 dBFS, over the hiss.
     */
    public static short[] talk(double seconds, long seed) {
        short[] s = hiss(seconds, seed);
        for (int i = 0; i < s.length; i++) {
            double t = i / 16_000.0;
            double inSyllable = (t % 0.26) < 0.2 ? 1.0 : 0.05;
            double v =
                    Math.sin(2 * Math.PI * 150 * t)
                            + 0.5 * Math.sin(2 * Math.PI * 450 * t)
                            + 0.3 * Math.sin(2 * Math.PI * 1200 * t);
            s[i] = (short) Math.max(-32768, Math.min(32767, s[i] + 3000 * inSyllable * v));
        }
        return s;
    }

    public static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] all = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    public static short[] tone(double hz, double seconds, int rate, double amplitude) {
        short[] s = new short[(int) (seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }
}
