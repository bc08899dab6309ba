package io.aircheck.jobs.rebuild;

import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.StreamJobs;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.storage.index.IndexDefinition;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * One projection a rebuild replays: the index it owns, the topics it is made from, and how its
 * topology is wired when writing into the rebuilt index (through its staging alias) instead of the
 * live one. Dead letters are not written again.
 */
public interface RebuildPlan extends Serializable {
    String name();

    IndexDefinition index();

    List<String> topics();

    void wire(
            DataStream<SourceRecord> records,
            IndexDefinition rebuilt,
            JobsConfig config,
            StreamJobs.Connections connections);
}
