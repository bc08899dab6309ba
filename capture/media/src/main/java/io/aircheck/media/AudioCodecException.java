package io.aircheck.media;

/**
 * Decoding or encoding failed. The message says what failed: the file, the format and FFmpeg's own
 * error text. {@link #retriable()} tells whether trying the same thing again can help (a full disk
 * or an I/O hiccup can, corrupt input cannot).
 */
public class AudioCodecException extends Exception {

    private final boolean retriable;

    public AudioCodecException(String message) {
        this(message, false, null);
    }

    public AudioCodecException(String message, Throwable cause) {
        this(message, false, cause);
    }

    public AudioCodecException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
