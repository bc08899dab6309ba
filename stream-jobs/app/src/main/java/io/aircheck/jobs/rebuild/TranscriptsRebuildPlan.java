package io.aircheck.jobs.rebuild;

import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.StreamJobs;
import io.aircheck.jobs.indexer.IndexerJob;
import io.aircheck.jobs.indexer.io.ElasticsearchTranscriptIndexFactory;
import io.aircheck.jobs.indexer.io.TranscriptIndexSink;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.protocol.Topics;
import io.aircheck.storage.index.IndexDefinition;
import io.aircheck.storage.index.Indexes;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** The indexer's projections: the transcripts index, and each session's transcript files. */
final class TranscriptsRebuildPlan implements RebuildPlan {
    @Override
    public String name() {
        return "transcripts";
    }

    @Override
    public IndexDefinition index() {
        return Indexes.TRANSCRIPTS;
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.ROOM_TRANSCRIPTS, Topics.ROOM_EVENTS);
    }

    @Override
    public void wire(
            DataStream<SourceRecord> records,
            IndexDefinition rebuilt,
            JobsConfig config,
            StreamJobs.Connections connections) {
        DataStream<SourceRecord> segments =
                records.filter(r -> r.topic().equals(Topics.ROOM_TRANSCRIPTS))
                        .name("transcript records");
        DataStream<SourceRecord> events =
                records.filter(r -> r.topic().equals(Topics.ROOM_EVENTS)).name("event records");
        IndexerJob.Outputs indexer = IndexerJob.build(segments, events, connections.store());
        indexer.documents()
                .sinkTo(
                        new TranscriptIndexSink(
                                new ElasticsearchTranscriptIndexFactory(
                                        config.elasticsearch(),
                                        rebuilt.withAlias(rebuilt.stagingAlias())),
                                500,
                                200))
                .name("rebuilt transcripts index");
        indexer.deadLetters()
                .sinkTo(new DiscardingSink<>())
                .name("dead letters (written by the live job)");
    }
}
