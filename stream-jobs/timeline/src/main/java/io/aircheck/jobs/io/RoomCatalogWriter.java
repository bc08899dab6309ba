package io.aircheck.jobs.io;

import io.aircheck.storage.RoomCatalog;
import io.aircheck.storage.VersionedRoom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Buffers the newest version of each session's document and writes them in bulk. */
final class RoomCatalogWriter
        implements org.apache.flink.api.connector.sink2.SinkWriter<VersionedRoom> {
    private final RoomCatalog catalog;
    private final int maxBatch;
    private final long maxDelayMs;
    private final Map<String, VersionedRoom> buffer = new LinkedHashMap<>();
    private long oldestBufferedAt;

    RoomCatalogWriter(RoomCatalog catalog, int maxBatch, long maxDelayMs) {
        this.catalog = catalog;
        this.maxBatch = maxBatch;
        this.maxDelayMs = maxDelayMs;
    }

    @Override
    public void write(VersionedRoom room, Context context) {
        if (buffer.isEmpty()) {
            oldestBufferedAt = System.currentTimeMillis();
        }
        String id = room.room().roomId() + ":" + room.room().sessionId();
        buffer.merge(id, room, (old, neu) -> neu.version() >= old.version() ? neu : old);
        if (buffer.size() >= maxBatch
                || System.currentTimeMillis() - oldestBufferedAt >= maxDelayMs) {
            flush(false);
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        if (!buffer.isEmpty()) {
            catalog.upsertAll(new ArrayList<>(buffer.values()));
            buffer.clear();
        }
    }

    @Override
    public void close() throws Exception {
        if (catalog instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
