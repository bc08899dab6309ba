package io.aircheck.jobs.transcriber.speech;

/**
 * A stretch of one track that voice activity detection closed: 16 kHz mono samples starting at
 * sample {@code startSample} of the track (counted from the track's first sample), preceded by
 * {@code context}: the end of the track's previous utterance, which the engine hears first so that
 * it starts adapted to the speaker and the channel (its words are not part of this utterance).
 *
 * @param voicedMs how much of it was voiced (the rest is lead-in, pauses and tail)
 */
public record Utterance(long startSample, short[] pcm, int voicedMs, short[] context) {
    public Utterance(long startSample, short[] pcm, int voicedMs) {
        this(startSample, pcm, voicedMs, new short[0]);
    }

    public long endSample() {
        return startSample + pcm.length;
    }

    /** What the engine is given: the context, then the utterance. */
    public short[] withContext() {
        if (context.length == 0) {
            return pcm;
        }
        short[] all = java.util.Arrays.copyOf(context, context.length + pcm.length);
        System.arraycopy(pcm, 0, all, context.length, pcm.length);
        return all;
    }

    /** Microseconds of context before the utterance's first sample. */
    public long contextUs() {
        return micros(context.length);
    }

    /** Microseconds from the track's first sample to sample {@code sample}. */
    public static long micros(long sample) {
        return sample * 1_000_000L / SpeechRecognizer.SAMPLE_RATE;
    }
}
