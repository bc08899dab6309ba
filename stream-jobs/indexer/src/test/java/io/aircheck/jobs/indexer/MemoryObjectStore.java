package io.aircheck.jobs.indexer;

import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.StoredObject;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An object store in memory, for harness tests (objects live in a map the test owns). */
final class MemoryObjectStore implements ObjectStore {
    private final Map<String, byte[]> objects;
    private final Map<String, Integer> writes;

    MemoryObjectStore(Map<String, byte[]> objects, Map<String, Integer> writes) {
        this.objects = objects;
        this.writes = writes;
    }

    static final Map<String, byte[]> OBJECTS = new ConcurrentHashMap<>();
    static final Map<String, Integer> WRITES = new ConcurrentHashMap<>();

    @Override
    public String bucket() {
        return "memory";
    }

    @Override
    public StoredObject put(String key, byte[] content, String contentType) {
        objects.put(key, content);
        writes.merge(key, 1, Integer::sum);
        return new StoredObject("memory", key, content.length, "", "");
    }

    @Override
    public StoredObject put(String key, Path file, String contentType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] get(String key) {
        return objects.get(key);
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public URI presignGet(String key, Duration ttl) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
