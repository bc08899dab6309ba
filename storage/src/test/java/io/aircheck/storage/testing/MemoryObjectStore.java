package io.aircheck.storage.testing;

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
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@link ObjectStore} in memory, for unit tests of the code that uses the port. */
public final class MemoryObjectStore implements ObjectStore {
    private record Stored(byte[] bytes, String contentType, Instant modified) {}

    private final Map<String, Stored> objects = new TreeMap<>();
    private final List<String> deleted = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    public MemoryObjectStore at(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Puts an object last modified at {@code when}. */
    public synchronized void putAt(String key, byte[] content, Instant when) {
        objects.put(key, new Stored(content.clone(), "application/octet-stream", when));
    }

    public synchronized List<String> deletedKeys() {
        return List.copyOf(deleted);
    }

    public synchronized List<String> keys() {
        return List.copyOf(objects.keySet());
    }

    @Override
    public String bucket() {
        return "memory";
    }

    @Override
    public synchronized StoredObject put(String key, byte[] content, String contentType) {
        objects.put(key, new Stored(content.clone(), contentType, clock.instant()));
        return new StoredObject("memory", key, content.length, sha256(content), sha256(content));
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
    public synchronized Optional<ObjectInfo> stat(String key) {
        Stored s = objects.get(key);
        return s == null ? Optional.empty() : Optional.of(info(key, s));
    }

    @Override
    public synchronized byte[] get(String key) {
        Stored s = objects.get(key);
        if (s == null) {
            throw new ObjectStoreException(ObjectStoreException.Kind.NOT_FOUND, "no " + key, null);
        }
        return s.bytes().clone();
    }

    @Override
    public synchronized InputStream open(String key, long offset, long length) {
        byte[] all = get(key);
        int from = (int) Math.min(offset, all.length);
        int to = length < 0 ? all.length : (int) Math.min(all.length, offset + length);
        return new ByteArrayInputStream(all, from, to - from);
    }

    @Override
    public synchronized List<ObjectInfo> list(String prefix) {
        return objects.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix == null ? "" : prefix))
                .map(e -> info(e.getKey(), e.getValue()))
                .map(i -> new ObjectInfo(i.key(), i.sizeBytes(), null, i.etag(), i.lastModified()))
                .toList();
    }

    @Override
    public synchronized void delete(String key) {
        if (objects.remove(key) != null) {
            deleted.add(key);
        }
    }

    @Override
    public URI presignGet(String key, Duration ttl) {
        return URI.create("memory:///" + key);
    }

    @Override
    public void close() {}

    private static ObjectInfo info(String key, Stored s) {
        return new ObjectInfo(
                key, s.bytes().length, s.contentType(), sha256(s.bytes()), s.modified());
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
