package io.aircheck.media;

/**
 * The file formats {@link AudioFileWriter} writes (and {@link AudioFileReader} reads, among
 * others).
 */
public enum AudioFormat {
    /**
     * Opus in Ogg (RFC 7845), always encoded at 48 kHz: the master for download and per-speaker
     * tracks.
     */
    OGG_OPUS("opus", "audio/ogg"),
    /** Lossless, the recorder's work chunks. */
    FLAC("flac", "audio/flac"),
    /** AAC-LC in an MPEG-4 audio file ({@code moov} first, so it plays while downloading). */
    M4A_AAC("m4a", "audio/mp4"),
    /** RIFF WAVE with s16le PCM. */
    WAV("wav", "audio/wav");

    private final String extension;
    private final String contentType;

    AudioFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** File name extension without the dot, e.g. {@code opus}. */
    public String extension() {
        return extension;
    }

    /** MIME type for HTTP and S3 object metadata. */
    public String contentType() {
        return contentType;
    }
}
