package io.aircheck.api.rooms;

import io.aircheck.api.ApiException;
import io.aircheck.api.access.AccessPolicy;
import io.aircheck.api.access.Action;
import io.aircheck.api.access.Caller;
import io.aircheck.storage.RoomCatalog;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.RoomPage;
import io.aircheck.storage.RoomQuery;
import java.util.Set;

/**
 * Lists room sessions and looks one up, showing each caller only what its role may see ({@link
 * AccessPolicy}): auditors and admins every session; researchers public and unlisted sessions in
 * listings; listeners public ones; everyone public or unlisted sessions by direct link. A session
 * the caller may not see is reported missing, not forbidden, so that its existence does not leak.
 */
public final class RoomService {
    private final RoomCatalog catalog;

    public RoomService(RoomCatalog catalog) {
        this.catalog = catalog;
    }

    public RoomPage list(Caller caller, RoomQuery query) {
        AccessPolicy.require(caller, Action.LIST_ROOMS);
        Set<String> listed = AccessPolicy.listedVisibilities(caller.role());
        return catalog.list(listed.isEmpty() ? query : query.withVisibilities(listed));
    }

    public RoomDocument get(Caller caller, String roomId, String sessionId) {
        return get(caller, roomId, sessionId, Action.READ_ROOM);
    }

    /** The session, if the caller may see it and do {@code action} (else 401/403/404). */
    public RoomDocument get(Caller caller, String roomId, String sessionId, Action action) {
        AccessPolicy.require(caller, action);
        return catalog.get(roomId, sessionId)
                .filter(room -> AccessPolicy.opensByLink(caller.role(), room.visibility()))
                .orElseThrow(
                        () ->
                                ApiException.notFound(
                                        "no session '" + sessionId + "' of room '" + roomId + "'"));
    }
}
