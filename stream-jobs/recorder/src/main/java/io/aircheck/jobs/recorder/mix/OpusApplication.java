package io.aircheck.jobs.recorder.mix;

import io.aircheck.config.Choice;
import java.util.Locale;

/** What the Ogg Opus master of the mix is coded for (libopus' application). */
public enum OpusApplication {
    /** Speech intelligibility first: SILK or hybrid below ~55 kb/s mono. The costlier encode. */
    VOIP,
    /**
     * Fidelity to the mixed signal: CELT at 32 kb/s mono (below complexity 7), ~40 % less CPU than
     * VoIP for the same room.
     */
    AUDIO;

    /** {@code voip} or {@code audio}, any case. */
    public static OpusApplication parse(String name) {
        return Choice.parse(OpusApplication.class, name, "Opus application");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
