package io.aircheck.storage;

import java.util.List;
import java.util.Optional;

/**
 * The catalog of room sessions (the {@code rooms} index): written by the timeline job's projection,
 * read by the search API. Calls retry transient failures themselves and throw {@link
 * IndexException} for the rest.
 */
public interface RoomCatalog {

    /**
     * Writes the sessions, each only if its version is at least the stored one's: a stale
     * projection is skipped, a replay of the same version is accepted.
     */
    void upsertAll(List<VersionedRoom> rooms);

    Optional<RoomDocument> get(String roomId, String sessionId);

    /** Sessions matching the query, newest first. */
    RoomPage list(RoomQuery query);

    /** Every session of one room, newest first (at most {@link RoomQuery#MAX_WINDOW}). */
    List<RoomDocument> sessions(String roomId);

    /** Makes everything written so far visible to searches (tests and tools; not per write). */
    void refresh();
}
