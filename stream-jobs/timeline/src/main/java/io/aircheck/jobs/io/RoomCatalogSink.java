package io.aircheck.jobs.io;

import io.aircheck.storage.VersionedRoom;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes room documents to the catalog (the {@code rooms} index), batched, and flushed at every
 * checkpoint. At-least-once delivery plus versioned writes (an older version never overwrites a
 * newer one) make the index exactly what the log says.
 */
public final class RoomCatalogSink implements Sink<VersionedRoom> {
    private final RoomCatalogFactory catalog;
    private final int maxBatch;
    private final long maxDelayMs;

    public RoomCatalogSink(RoomCatalogFactory catalog, int maxBatch, long maxDelayMs) {
        this.catalog = catalog;
        this.maxBatch = maxBatch;
        this.maxDelayMs = maxDelayMs;
    }

    @Override
    public SinkWriter<VersionedRoom> createWriter(WriterInitContext context) {
        return new RoomCatalogWriter(catalog.open(), maxBatch, maxDelayMs);
    }
}
