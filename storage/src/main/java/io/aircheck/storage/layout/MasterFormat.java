package io.aircheck.storage.layout;

/** The formats the final mixed recording is kept in. */
public enum MasterFormat {
    OPUS("opus", "audio/ogg"),
    M4A("m4a", "audio/mp4");

    private final String extension;
    private final String contentType;

    MasterFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
