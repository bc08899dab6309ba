package io.aircheck.capture.stream;

/** A datagram that is not a usable RTP packet; the message says why, in a sentence. */
public final class RtpFormatException extends Exception {
    public RtpFormatException(String message) {
        super(message);
    }
}
