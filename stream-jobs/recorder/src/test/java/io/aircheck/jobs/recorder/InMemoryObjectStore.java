package io.aircheck.jobs.recorder;

import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An object store in memory, for harness tests of the writer (the ITCases use the real S3 server).
 */
final class InMemoryObjectStore implements ObjectStore {
    record Stored(byte[] bytes, String contentType) {}

    final Map<String, Stored> objects = new ConcurrentSkipListMap<>();

    @Override
    public String bucket() {
        return "memory";
    }

    @Override
    public StoredObject put(String key, byte[] content, String contentType) {
        objects.put(key, new Stored(content.clone(), contentType));
        return new StoredObject(
                bucket(), key, content.length, RecordingEvents.sha256(content), "e");
    }

    @Override
    public StoredObject put(String key, Path file, String contentType) {
        try {
            return put(key, Files.readAllBytes(file), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Stored s = objects.get(key);
        return s == null
                ? Optional.empty()
                : Optional.of(
                        new ObjectInfo(key, s.bytes().length, s.contentType(), "e", Instant.EPOCH));
    }

    @Override
    public byte[] get(String key) {
        Stored s = objects.get(key);
        if (s == null) {
            throw new ObjectStoreException(ObjectStoreException.Kind.NOT_FOUND, "no " + key, null);
        }
        return s.bytes().clone();
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        byte[] b = get(key);
        int end = length < 0 ? b.length : (int) Math.min(b.length, offset + length);
        return new ByteArrayInputStream(b, (int) offset, end - (int) offset);
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return objects.keySet().stream()
                .filter(k -> k.startsWith(prefix))
                .map(k -> stat(k).orElseThrow())
                .toList();
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public URI presignGet(String key, Duration ttl) {
        return URI.create("memory:" + key);
    }

    @Override
    public void close() {}
}
