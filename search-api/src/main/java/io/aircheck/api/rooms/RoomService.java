package io.aircheck.api.rooms;

import io.aircheck.api.ApiException;
import io.aircheck.api.access.Caller;
import io.aircheck.storage.RoomCatalog;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.RoomPage;
import io.aircheck.storage.RoomQuery;
import java.util.Set;

/**
 * Lists room sessions and looks one up, showing each caller only what its role may see: auditors
 * and admins every session; everyone else public sessions in listings, and public or unlisted
 * sessions by direct link. A session the caller may not see is reported missing, not forbidden, so
 * that its existence does not leak.
 */
public final class RoomService {
    static final Set<String> LISTED = Set.of("PUBLIC");
    static final Set<String> LINKABLE = Set.of("PUBLIC", "UNLISTED");

    private final RoomCatalog catalog;

    public RoomService(RoomCatalog catalog) {
        this.catalog = catalog;
    }

    public RoomPage list(Caller caller, RoomQuery query) {
        RoomQuery visible = caller.role().seesEverything() ? query : query.withVisibilities(LISTED);
        return catalog.list(visible);
    }

    public RoomDocument get(Caller caller, String roomId, String sessionId) {
        return catalog.get(roomId, sessionId)
                .filter(
                        room ->
                                caller.role().seesEverything()
                                        || LINKABLE.contains(room.visibility()))
                .orElseThrow(
                        () ->
                                ApiException.notFound(
                                        "no session '" + sessionId + "' of room '" + roomId + "'"));
    }
}
