package io.aircheck.api.http;

import io.aircheck.api.ApiException;
import io.aircheck.api.rooms.RoomService;
import io.aircheck.storage.RoomPage;
import io.aircheck.storage.RoomQuery;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/rooms} and {@code GET /api/rooms/{roomId}/sessions/{sessionId}}. */
public final class RoomsController {
    private static final Set<String> LIST_PARAMS =
            Set.of("live", "room", "speaker", "from", "size", "access_token");

    private final RoomService rooms;

    public RoomsController(RoomService rooms) {
        this.rooms = rooms;
    }

    public void list(Context ctx) {
        Params params = new Params(ctx, LIST_PARAMS);
        RoomQuery query;
        try {
            query =
                    new RoomQuery(
                            params.optionalBoolean("live"),
                            params.optionalId("room"),
                            params.optionalId("speaker"),
                            params.intOr("from", 0),
                            params.intOr("size", RoomQuery.DEFAULT_SIZE),
                            null);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        RoomPage page = rooms.list(Authentication.caller(ctx), query);
        ctx.json(
                Map.of(
                        "total", page.total(),
                        "from", query.from(),
                        "size", query.size(),
                        "items", page.items().stream().map(RoomView::of).toList()));
    }

    public void get(Context ctx) {
        new Params(ctx, Set.of("access_token"));
        String roomId = Params.pathId(ctx, "roomId");
        String sessionId = Params.pathId(ctx, "sessionId");
        ctx.json(RoomView.of(rooms.get(Authentication.caller(ctx), roomId, sessionId)));
    }
}
