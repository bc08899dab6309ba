package io.aircheck.storage;

import java.time.Instant;

/** An object's metadata as the store reports it. */
public record ObjectInfo(
        String key, long sizeBytes, String contentType, String etag, Instant lastModified) {}
