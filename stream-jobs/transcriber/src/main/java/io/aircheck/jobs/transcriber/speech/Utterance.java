package io.aircheck.jobs.transcriber.speech;

/**
 * A stretch of one track that voice activity detection closed: 16 kHz mono samples starting at
 * sample {@code startSample} of the track (counted from the track's first sample).
 *
 * @param voicedMs how much of it was voiced (the rest is lead-in, pauses and tail)
 */
public record Utterance(long startSample, short[] pcm, int voicedMs) {
    public long endSample() {
        return startSample + pcm.length;
    }

    /** Microseconds from the track's first sample to sample {@code sample}. */
    public static long micros(long sample) {
        return sample * 1_000_000L / SpeechRecognizer.SAMPLE_RATE;
    }
}
