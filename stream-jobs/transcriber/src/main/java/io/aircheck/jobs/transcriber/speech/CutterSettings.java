package io.aircheck.jobs.transcriber.speech;

import java.io.Serializable;

/**
 * How voice activity detection cuts a track into utterances.
 *
 * @param pauseMs silence that ends an utterance
 * @param maxUtteranceMs longest utterance; a longer stretch of speech is split at its quietest
 *     moment in the second half (a pause between words, usually)
 * @param minVoicedMs shorter bursts (clicks, coughs, a door) are dropped without recognition
 * @param thresholdDb how far above the noise floor a frame must be to count as voiced
 */
public record CutterSettings(int pauseMs, int maxUtteranceMs, int minVoicedMs, double thresholdDb)
        implements Serializable {
    public static final int FRAME_MS = 20;
    public static final int FRAME = SpeechRecognizer.SAMPLE_RATE * FRAME_MS / 1000;

    /** Lead-in kept before the first voiced frame, so soft word onsets are not clipped. */
    public static final int LEAD_IN_MS = 600;

    /** Kept after the last voiced frame, for soft word endings. */
    public static final int TAIL_MS = 400;

    /**
     * How much of the previous utterance the engine hears before the next one (to adapt to the
     * voice): 2 s is ~10 % faster than 3 s for ~1 point of word error; 1.5 s costs ~3 points.
     */
    public static final int CONTEXT_MS = 2_000;

    public CutterSettings {
        if (pauseMs < 100 || pauseMs > 5_000) {
            throw new IllegalArgumentException("pause must be 100 ms to 5 s: " + pauseMs + " ms");
        }
        if (maxUtteranceMs < 2_000 || maxUtteranceMs > 60_000) {
            throw new IllegalArgumentException(
                    "max utterance must be 2 s to 60 s: " + maxUtteranceMs + " ms");
        }
        if (minVoicedMs < 0 || thresholdDb <= 0) {
            throw new IllegalArgumentException("min voiced >= 0 and threshold > 0 dB");
        }
    }

    public static CutterSettings defaults() {
        return new CutterSettings(500, 6_000, 200, 10.0);
    }

    public static CutterSettings of(int pauseMs, int maxUtteranceMs) {
        return new CutterSettings(pauseMs, maxUtteranceMs, 200, 10.0);
    }

    int pauseFrames() {
        return pauseMs / FRAME_MS;
    }

    int maxFrames() {
        return maxUtteranceMs / FRAME_MS;
    }
}
