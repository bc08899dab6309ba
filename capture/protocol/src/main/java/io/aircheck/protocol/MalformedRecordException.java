package io.aircheck.protocol;

/** A record that cannot be decoded or breaks the contract; the message says why. */
public class MalformedRecordException extends Exception {
    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
