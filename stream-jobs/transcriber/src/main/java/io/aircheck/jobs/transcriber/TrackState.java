package io.aircheck.jobs.transcriber;

import io.aircheck.jobs.transcriber.speech.CutterSettings;
import io.aircheck.jobs.transcriber.speech.MonoResampler;
import io.aircheck.jobs.transcriber.speech.UtteranceCutter;

/**
 * What the transcriber keeps per track (Flink keyed state, plain data): the session, where the
 * track's audio is on the room clock, the resampler's and the cutter's state (the open utterance's
 * audio included, so a restore loses nothing that was not yet recognized).
 */
public final class TrackState {
    public String sessionId;

    /** Room clock of the track's sample 0 (at 16 kHz). */
    public long originUs;

    /** Room clock of the next input sample expected. */
    public long nextInputUs;

    public long lastSequence = -1;
    public TrackAudio.Codec codec;
    public int inputRate;
    public int channels;
    public MonoResampler resampler;
    public UtteranceCutter cutter;

    public TrackState() {}

    static TrackState start(TrackAudio first, int inputRate, CutterSettings settings) {
        TrackState state = new TrackState();
        state.sessionId = first.sessionId();
        state.originUs = first.timestampUs();
        state.nextInputUs = first.timestampUs();
        state.codec = first.codec();
        state.inputRate = inputRate;
        state.channels = first.channels();
        state.resampler = new MonoResampler(inputRate);
        state.cutter = new UtteranceCutter(settings);
        return state;
    }

    /** Room clock of the track's 16 kHz sample {@code sample}. */
    long clockOf(long sample) {
        return originUs + sample * 1_000_000L / 16_000;
    }

    /** The track's 16 kHz sample index at room clock {@code us}. */
    long sampleAt(long us) {
        return Math.max(0, (us - originUs) * 16_000 / 1_000_000L);
    }
}
