package io.aircheck.storage.export;

import java.io.IOException;

/** The archive no longer holds the bytes a bundle's manifest lists for {@link #path()}. */
public final class BundleIntegrityException extends IOException {
    private final String path;

    public BundleIntegrityException(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
