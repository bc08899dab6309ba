package io.aircheck.jobs.indexer.io;

import io.aircheck.storage.VersionedTranscript;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes transcript documents to the index in bulk: as soon as {@code maxBatch} are buffered, at
 * the latest {@code maxDelayMs} after the first one was buffered, and at every checkpoint.
 * At-least-once delivery plus deterministic ids and versioned writes make the index exactly what
 * the log says.
 */
public final class TranscriptIndexSink implements Sink<VersionedTranscript> {
    private final TranscriptIndexFactory index;
    private final int maxBatch;
    private final long maxDelayMs;

    public TranscriptIndexSink(TranscriptIndexFactory index, int maxBatch, long maxDelayMs) {
        this.index = index;
        this.maxBatch = maxBatch;
        this.maxDelayMs = maxDelayMs;
    }

    @Override
    public SinkWriter<VersionedTranscript> createWriter(WriterInitContext context) {
        return new TranscriptIndexWriter(
                index.open(), maxBatch, maxDelayMs, context.getProcessingTimeService());
    }
}
