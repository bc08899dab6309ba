package io.aircheck.jobs.indexer.io;

import io.aircheck.storage.TranscriptIndex;
import io.aircheck.storage.VersionedTranscript;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/** Buffers documents and writes them in bulk (see {@link TranscriptIndexSink}). */
final class TranscriptIndexWriter implements SinkWriter<VersionedTranscript> {
    private final TranscriptIndex index;
    private final int maxBatch;
    private final long maxDelayMs;
    private final ProcessingTimeService time;
    private final List<VersionedTranscript> buffer = new ArrayList<>();
    private boolean timerSet;

    TranscriptIndexWriter(
            TranscriptIndex index, int maxBatch, long maxDelayMs, ProcessingTimeService time) {
        this.index = index;
        this.maxBatch = maxBatch;
        this.maxDelayMs = maxDelayMs;
        this.time = time;
    }

    @Override
    public void write(VersionedTranscript document, Context context) {
        buffer.add(document);
        if (buffer.size() >= maxBatch) {
            flush(false);
        } else if (!timerSet) {
            timerSet = true;
            time.registerTimer(
                    time.getCurrentProcessingTime() + maxDelayMs,
                    at -> {
                        timerSet = false;
                        flush(false);
                    });
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        if (!buffer.isEmpty()) {
            index.upsertAll(new ArrayList<>(buffer));
            buffer.clear();
        }
    }

    @Override
    public void close() throws Exception {
        if (index instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
