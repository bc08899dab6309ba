package io.aircheck.storage.retention;

import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.StoredObject;
import io.aircheck.storage.layout.ObjectKeys;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An {@link ObjectStore} that refuses to delete or overwrite what a legal hold covers ({@link
 * HeldObjectException}): aircheck's own enforcement, needed where the server has no object lock
 * (the embedded S3 server) and kept where it has one. Holds are re-read at most every {@code
 * refresh} (a hold placed during a run is honoured from then on; on an object-lock server its flags
 * protect the objects at once).
 */
public final class HoldGuard implements ObjectStore {
    private final ObjectStore inner;
    private final LegalHolds holds;
    private final Clock clock;
    private final Duration refresh;
    private HoldSet cached;
    private Instant readAt;

    public HoldGuard(ObjectStore inner, LegalHolds holds, Clock clock, Duration refresh) {
        this.inner = inner;
        this.holds = holds;
        this.clock = clock;
        this.refresh = refresh;
    }

    public HoldGuard(ObjectStore inner, LegalHolds holds) {
        this(inner, holds, Clock.systemUTC(), Duration.ofSeconds(5));
    }

    /** The active holds that cover {@code key} now. */
    public synchronized List<LegalHold> holdsOn(String key) {
        if (cached == null || !clock.instant().isBefore(readAt.plus(refresh))) {
            cached = holds.all();
            readAt = clock.instant();
        }
        if (cached.active().isEmpty() || !key.startsWith("rooms/")) {
            return List.of();
        }
        SessionParticipants participants = new SessionParticipants();
        String[] parts = key.split("/");
        if (cached.anyParticipantHold() && parts.length >= 4) {
            inner.list(ObjectKeys.session(parts[1], parts[2]) + "tracks/")
                    .forEach(o -> participants.add(o.key()));
        }
        return cached.covering(key, participants);
    }

    @Override
    public void delete(String key) {
        List<LegalHold> on = holdsOn(key);
        if (!on.isEmpty()) {
            throw new HeldObjectException(key, "delete", on);
        }
        inner.delete(key);
    }

    @Override
    public StoredObject put(String key, byte[] content, String contentType) {
        refuseOverwrite(key);
        return inner.put(key, content, contentType);
    }

    @Override
    public StoredObject put(String key, Path file, String contentType) {
        refuseOverwrite(key);
        return inner.put(key, file, contentType);
    }

    private void refuseOverwrite(String key) {
        List<LegalHold> on = holdsOn(key);
        if (!on.isEmpty() && inner.stat(key).isPresent()) {
            throw new HeldObjectException(key, "overwrite", on);
        }
    }

    @Override
    public String bucket() {
        return inner.bucket();
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        return inner.stat(key);
    }

    @Override
    public byte[] get(String key) {
        return inner.get(key);
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        return inner.open(key, offset, length);
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return inner.list(prefix);
    }

    @Override
    public URI presignGet(String key, Duration ttl) {
        return inner.presignGet(key, ttl);
    }

    @Override
    public void close() {
        inner.close();
    }
}
