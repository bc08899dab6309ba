package io.aircheck.jobs.recorder.mix;

import java.io.Serializable;

/**
 * How the recorder cuts and mixes: the mix sample rate, the chunk length (the unit in which the mix
 * is finalised and written), and the jitter allowance (how long past a chunk's end the room clock
 * must be before the chunk is mixed; frames later than that are rejected as late).
 */
public record RecorderSettings(int mixRate, int chunkMillis, int allowanceMillis)
        implements Serializable {

    public static final RecorderSettings DEFAULTS = new RecorderSettings(48_000, 3_000, 1_500);

    public RecorderSettings {
        if (mixRate < 8000 || chunkMillis < 100 || allowanceMillis < 0) {
            throw new IllegalArgumentException(
                    "mixRate >= 8000, chunkMillis >= 100 and allowanceMillis >= 0 required");
        }
        if (chunkMillis % 20 != 0) {
            throw new IllegalArgumentException(
                    "the chunk length must be a multiple of 20 ms (whole Opus frames), was "
                            + chunkMillis
                            + " ms");
        }
    }

    /** Samples per chunk at the mix rate. */
    public int chunkSamples() {
        return (int) ((long) mixRate * chunkMillis / 1000);
    }

    public SessionClock clock(long startUs) {
        return new SessionClock(startUs, mixRate, chunkSamples());
    }

    public long allowanceUs() {
        return allowanceMillis * 1000L;
    }
}
