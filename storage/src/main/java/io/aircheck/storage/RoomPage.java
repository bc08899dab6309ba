package io.aircheck.storage;

import java.util.List;

/** One page of a room listing: how many sessions match in all, and this page's. */
public record RoomPage(long total, List<RoomDocument> items) {
    public RoomPage {
        items = List.copyOf(items);
    }
}
