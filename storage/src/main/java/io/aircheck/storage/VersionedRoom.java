package io.aircheck.storage;

import java.util.Objects;

/**
 * A {@link RoomDocument} with the version of the projection that produced it (e.g. the offset of
 * the last event folded in). The catalog keeps, per session, the document of the highest version:
 * an older one never overwrites a newer one, and the same version written again is accepted.
 */
public record VersionedRoom(RoomDocument room, long version) {
    public VersionedRoom {
        Objects.requireNonNull(room, "room");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0: " + version);
        }
    }
}
