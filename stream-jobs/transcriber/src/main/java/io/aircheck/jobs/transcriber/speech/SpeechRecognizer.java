package io.aircheck.jobs.transcriber.speech;

import java.io.Serializable;

/**
 * A speech-to-text engine, given one closed utterance at a time (16 kHz mono PCM) and answering
 * with its words, timed from the utterance's first sample. Recognizing a closed utterance as one
 * unit keeps the result a function of the audio alone: a job restored from a checkpoint recognizes
 * the same utterances and gets the same words. Implementations need not be thread safe; one
 * instance serves one operator.
 */
public interface SpeechRecognizer extends AutoCloseable {
    /** The sample rate {@link #recognize} takes. */
    int SAMPLE_RATE = 16_000;

    /** The words of {@code pcm} (16 kHz mono), times relative to its first sample. */
    Recognition recognize(short[] pcm) throws RecognitionException;

    /**
     * The engine and model, for the segment's {@code engine} field, e.g. {@code vosk/model-en-us}.
     */
    String engine();

    /** The language the engine transcribes, as a BCP 47 tag (e.g. {@code en-US}). */
    String language();

    @Override
    default void close() {}

    /** Opens a recognizer inside an operator (the factory is serialized with the job). */
    @FunctionalInterface
    interface Factory extends Serializable {
        SpeechRecognizer open() throws RecognitionException;
    }
}
