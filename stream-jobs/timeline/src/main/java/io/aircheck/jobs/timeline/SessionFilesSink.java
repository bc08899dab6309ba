package io.aircheck.jobs.timeline;

import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.layout.ObjectKeys;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes each session's {@code events.ndjson} and {@code timeline.json} to the archive bucket. Keys
 * are deterministic and every write is the whole file, so a replay rewrites the same objects.
 */
public final class SessionFilesSink implements Sink<SessionFiles> {
    private final ObjectStoreFactory store;

    public SessionFilesSink(ObjectStoreFactory store) {
        this.store = store;
    }

    @Override
    public SinkWriter<SessionFiles> createWriter(WriterInitContext context) {
        return new Writer(store.open());
    }

    private static final class Writer implements SinkWriter<SessionFiles> {
        private final ObjectStore store;

        Writer(ObjectStore store) {
            this.store = store;
        }

        @Override
        public void write(SessionFiles files, Context context) {
            store.put(
                    ObjectKeys.eventLog(files.roomId(), files.sessionId()),
                    files.eventLog(),
                    "application/x-ndjson");
            store.put(
                    ObjectKeys.timeline(files.roomId(), files.sessionId()),
                    files.timeline(),
                    "application/json");
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {
            store.close();
        }
    }
}
