package io.aircheck.jobs.recorder.mix;

/** A frame whose payload cannot be turned into audio; the message says why. */
public class UndecodableFrameException extends Exception {
    public UndecodableFrameException(String message) {
        super(message);
    }

    public UndecodableFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
