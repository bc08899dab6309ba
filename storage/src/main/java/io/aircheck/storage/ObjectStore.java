package io.aircheck.storage;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The archive's object store: one bucket, keys from {@link io.aircheck.storage.layout.ObjectKeys}.
 * Implementations retry transient failures themselves and throw {@link ObjectStoreException}
 * (saying whether a retry could help) for the rest.
 */
public interface ObjectStore extends AutoCloseable {

    /** The bucket this store writes to. */
    String bucket();

    /** Writes (or overwrites) {@code key}; returns what was stored, with its sha256. */
    StoredObject put(String key, byte[] content, String contentType);

    /** Writes a file, streaming it (multipart for large files). */
    StoredObject put(String key, Path file, String contentType);

    /** Size, content type and etag, or empty when there is no such object. */
    Optional<ObjectInfo> stat(String key);

    /** The whole object; {@link ObjectStoreException} with {@code notFound()} when missing. */
    byte[] get(String key);

    /** A byte range [offset, offset+length) of the object, streamed. length -1 = to the end. */
    InputStream open(String key, long offset, long length);

    /** Object keys under a prefix, in key order. */
    List<ObjectInfo> list(String prefix);

    /** Deletes the object; deleting a missing object is not an error. */
    void delete(String key);

    /** A time-limited URL that lets its holder GET the object without credentials. */
    URI presignGet(String key, Duration ttl);

    @Override
    void close();
}
