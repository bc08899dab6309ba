package io.aircheck.jobs.rebuild;

import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.StreamJobs;
import io.aircheck.jobs.io.ElasticsearchCatalogFactory;
import io.aircheck.jobs.io.RoomCatalogSink;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.jobs.timeline.SessionFilesSink;
import io.aircheck.jobs.timeline.TimelineJob;
import io.aircheck.protocol.Topics;
import io.aircheck.storage.index.IndexDefinition;
import io.aircheck.storage.index.Indexes;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** The timeline's projections: the rooms index, and each session's event log and timeline files. */
final class TimelineRebuildPlan implements RebuildPlan {
    @Override
    public String name() {
        return "rooms";
    }

    @Override
    public IndexDefinition index() {
        return Indexes.ROOMS;
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.ROOM_EVENTS, Topics.ROOM_TRANSCRIPTS);
    }

    @Override
    public void wire(
            DataStream<SourceRecord> records,
            IndexDefinition rebuilt,
            JobsConfig config,
            StreamJobs.Connections connections) {
        TimelineJob.Outputs timeline = TimelineJob.build(records, config.timeline());
        timeline.rooms()
                .sinkTo(
                        new RoomCatalogSink(
                                new ElasticsearchCatalogFactory(
                                        config.elasticsearch(),
                                        rebuilt.withAlias(rebuilt.stagingAlias())),
                                500,
                                1_000))
                .name("rebuilt rooms index");
        timeline.files().sinkTo(new SessionFilesSink(connections.store())).name("session files");
        timeline.deadLetters()
                .sinkTo(new DiscardingSink<>())
                .name("dead letters (written by the live job)");
    }
}
