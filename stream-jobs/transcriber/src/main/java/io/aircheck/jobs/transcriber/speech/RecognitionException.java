package io.aircheck.jobs.transcriber.speech;

/** The engine could not be opened or failed on an utterance; the message says why. */
public class RecognitionException extends Exception {
    public RecognitionException(String message) {
        super(message);
    }

    public RecognitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
