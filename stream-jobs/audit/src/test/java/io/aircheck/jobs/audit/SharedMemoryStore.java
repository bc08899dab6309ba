package io.aircheck.jobs.audit;

import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** An object store in memory whose objects outlive its instances (operators reopen stores). */
public final class SharedMemoryStore implements ObjectStore {
    public static final Map<String, byte[]> OBJECTS = new ConcurrentSkipListMap<>();

    @Override
    public String bucket() {
        return "memory";
    }

    @Override
    public StoredObject put(String key, byte[] content, String contentType) {
        OBJECTS.put(key, content.clone());
        return new StoredObject("memory", key, content.length, "0".repeat(64), "etag");
    }

    @Override
    public StoredObject put(String key, Path file, String contentType) {
        try {
            return put(key, java.nio.file.Files.readAllBytes(file), contentType);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        byte[] b = OBJECTS.get(key);
        return b == null
                ? Optional.empty()
                : Optional.of(new ObjectInfo(key, b.length, null, "e", Instant.EPOCH));
    }

    @Override
    public byte[] get(String key) {
        byte[] b = OBJECTS.get(key);
        if (b == null) {
            throw new ObjectStoreException(ObjectStoreException.Kind.NOT_FOUND, "no " + key, null);
        }
        return b.clone();
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        byte[] b = get(key);
        return new ByteArrayInputStream(
                b, (int) offset, length < 0 ? b.length - (int) offset : (int) length);
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return OBJECTS.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(e -> new ObjectInfo(e.getKey(), e.getValue().length, null, "e", Instant.EPOCH))
                .toList();
    }

    @Override
    public void delete(String key) {
        OBJECTS.remove(key);
    }

    @Override
    public URI presignGet(String key, Duration ttl) {
        return URI.create("memory:///" + key);
    }

    @Override
    public void close() {}
}
