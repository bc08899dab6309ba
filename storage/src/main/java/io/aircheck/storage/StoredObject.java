package io.aircheck.storage;

/** What a put wrote: key, size and sha256 (hex) of the bytes, and the store's etag. */
public record StoredObject(String bucket, String key, long sizeBytes, String sha256, String etag) {}
