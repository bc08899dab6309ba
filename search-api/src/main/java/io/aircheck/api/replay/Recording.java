package io.aircheck.api.replay;

import io.aircheck.storage.RoomDocument;

/** A recording that can be served: its room session, object key, size, type and etag. */
public record Recording(
        RoomDocument room, String key, long sizeBytes, String contentType, String etag) {}
