package io.aircheck.jobs.recorder.mix;

import java.io.Serializable;

/**
 * How the recorder cuts, mixes and encodes: the mix sample rate, the chunk length (the unit in
 * which the mix is finalised and written), the jitter allowance (how long past a chunk's end the
 * room clock must be before the chunk is mixed; frames later than that are rejected as late),
 * whether the mix is also encoded for an Ogg Opus master (the M4A master and the HLS segments share
 * one AAC encode; the Opus master is a second encode of the mix, its largest CPU cost), and the
 * libopus complexity (0-10: CPU against quality) and application of that master.
 */
public record RecorderSettings(
        int mixRate,
        int chunkMillis,
        int allowanceMillis,
        int opusComplexity,
        OpusApplication opusApplication,
        boolean opusMaster)
        implements Serializable {

    /** libopus effort for the master: 5 keeps speech transparent at 32 kb/s, at ~2x level 10. */
    public static final int DEFAULT_OPUS_COMPLEXITY = 5;

    /**
     * The master is coded for fidelity to the mixed signal (CELT at 32 kb/s mono): ~40 % less CPU
     * than VoIP's SILK/hybrid for the same room (see the recorder README).
     */
    public static final OpusApplication DEFAULT_OPUS_APPLICATION = OpusApplication.AUDIO;

    /**
     * No Ogg Opus master by default: the M4A (the same AAC as the HLS segments) is the master, so
     * the mix is encoded once. The Opus master's second encode would be the job's largest CPU cost
     * (see the recorder README's benchmark); operators who want it turn it on.
     */
    public static final boolean DEFAULT_OPUS_MASTER = false;

    public static final RecorderSettings DEFAULTS = new RecorderSettings(48_000, 3_000, 1_500);

    public RecorderSettings(int mixRate, int chunkMillis, int allowanceMillis) {
        this(mixRate, chunkMillis, allowanceMillis, DEFAULT_OPUS_COMPLEXITY);
    }

    public RecorderSettings(int mixRate, int chunkMillis, int allowanceMillis, int opusComplexity) {
        this(mixRate, chunkMillis, allowanceMillis, opusComplexity, DEFAULT_OPUS_APPLICATION);
    }

    public RecorderSettings(
            int mixRate,
            int chunkMillis,
            int allowanceMillis,
            int opusComplexity,
            OpusApplication opusApplication) {
        this(
                mixRate,
                chunkMillis,
                allowanceMillis,
                opusComplexity,
                opusApplication,
                DEFAULT_OPUS_MASTER);
    }

    /** These settings, with or without the Ogg Opus master. */
    public RecorderSettings withOpusMaster(boolean made) {
        return new RecorderSettings(
                mixRate, chunkMillis, allowanceMillis, opusComplexity, opusApplication, made);
    }

    public RecorderSettings {
        if (opusApplication == null) {
            throw new IllegalArgumentException("the Opus master needs an application");
        }
        if (opusComplexity < 0 || opusComplexity > 10) {
            throw new IllegalArgumentException(
                    "the Opus complexity goes from 0 to 10, was " + opusComplexity);
        }
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
