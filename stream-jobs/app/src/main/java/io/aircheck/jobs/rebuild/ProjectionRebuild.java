package io.aircheck.jobs.rebuild;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.StreamJobs;
import io.aircheck.jobs.audit.AuditIndexRebuild;
import io.aircheck.jobs.kafka.KafkaConnectors;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.IndexDefinition;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds every Elasticsearch projection (and the derived files) from the log while live traffic
 * flows: creates a fresh concrete index per projection, replays the topics from their start into it
 * through a staging alias (readers keep reading the old index), shows progress with the time left,
 * and once the replay has caught up with the log, moves each alias to the rebuilt index in one
 * atomic step, lets the replay pass the offsets the live jobs had reached at that moment (both
 * write idempotently), and stops. The old indexes are kept for a roll-back. A mapping change is
 * deployed this way: the rebuilt index is created from the mapping the code now carries. The {@code
 * audit} index, a projection of the trail archived in the bucket, is rebuilt from the archived
 * batches the same way ({@link AuditIndexRebuild}).
 */
public final class ProjectionRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final DateTimeFormatter GENERATION =
            DateTimeFormatter.ofPattern("'g'yyyyMMdd'x'HHmmss");
    private static final Duration POLL = Duration.ofMillis(500);

    /** What a rebuild did: per projection, the rebuilt index and the indexes it replaced. */
    public record Result(
            Map<String, String> rebuilt, Map<String, List<String>> replaced, long records) {}

    private ProjectionRebuild() {}

    public static Result run(JobsConfig config, List<RebuildPlan> plans, PrintStream out)
            throws Exception {
        String generation = ZonedDateTime.now(ZoneOffset.UTC).format(GENERATION);
        String group = "aircheck-rebuild-" + generation;
        Set<String> topics = new LinkedHashSet<>();
        plans.forEach(p -> topics.addAll(p.topics()));
        Path checkpoints = Files.createTempDirectory("aircheck-rebuild-");
        ElasticsearchClient es = ElasticsearchClients.connect(config.elasticsearch());
        try (LogOffsets log = new LogOffsets(config.kafka().bootstrapServers())) {
            Map<String, IndexDefinition> targets = new HashMap<>();
            for (RebuildPlan plan : plans) {
                IndexDefinition rebuilt = plan.index().withGeneration(generation);
                IndexBootstrap.beginRebuild(es, rebuilt);
                targets.put(plan.name(), rebuilt);
                out.printf(
                        "rebuilding %s into %s%n", plan.index().alias(), rebuilt.concreteIndex());
            }
            Map<String, Long> start = log.start(topics);
            Map<String, Long> target = log.end(topics);
            JobClient job =
                    startReplay(config, plans, targets, List.copyOf(topics), group, checkpoints);
            long began = System.nanoTime();
            Map<String, Long> position = awaitReached(log, job, group, start, target, began, out);

            // caught up with the log as it was at the start: now with the log as it is
            Map<String, Long> now = log.end(topics);
            position = awaitReached(log, job, group, start, now, began, out);
            Map<String, List<String>> replaced = new HashMap<>();
            for (RebuildPlan plan : plans) {
                replaced.put(
                        plan.name(), IndexBootstrap.completeRebuild(es, targets.get(plan.name())));
            }
            // anything the live jobs wrote to the old index before the swap, the replay writes too
            position = awaitReached(log, job, group, start, log.end(topics), began, out);
            job.cancel().get();
            // the audit index is a projection of the trail archived in the bucket, not of a topic
            AuditIndexRebuild.Result audit;
            try (ObjectStore store = StreamJobs.Connections.of(config).store().open()) {
                audit = new AuditIndexRebuild(es, store, out).run(generation);
            }
            replaced.put("audit", audit.replaced());
            RebuildProgress done =
                    RebuildProgress.of(start, target, position, (System.nanoTime() - began) / 1e9);
            out.printf(
                    "\r%s%nrebuilt in %.1f s; aliases moved; old indexes kept: %s%n",
                    done.bar(30), done.elapsedSeconds(), replaced);
            Map<String, String> rebuiltNames = new HashMap<>();
            targets.forEach((name, def) -> rebuiltNames.put(name, def.concreteIndex()));
            rebuiltNames.put("audit", audit.rebuilt());
            return new Result(rebuiltNames, replaced, done.total());
        } finally {
            es.close();
        }
    }

    private static JobClient startReplay(
            JobsConfig config,
            List<RebuildPlan> plans,
            Map<String, IndexDefinition> targets,
            List<String> topics,
            String group,
            Path checkpoints)
            throws Exception {
        JobsConfig replay = config.withCheckpointDir(checkpoints.toUri().toString());
        Configuration flink = StreamJobs.flinkConfiguration(replay);
        flink.set(
                org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL,
                Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flink);
        env.setParallelism(config.parallelism());
        DataStream<SourceRecord> records =
                env.fromSource(
                                KafkaConnectors.source(config.kafka(), topics, group),
                                WatermarkStrategy.noWatermarks(),
                                "replay")
                        .uid("rebuild-source");
        StreamJobs.Connections connections = StreamJobs.Connections.of(config);
        for (RebuildPlan plan : plans) {
            DataStream<SourceRecord> mine =
                    records.filter(r -> plan.topics().contains(r.topic()))
                            .name(plan.name() + " records");
            plan.wire(mine, targets.get(plan.name()), replay, connections);
        }
        return env.executeAsync("aircheck rebuild " + group);
    }

    /** Waits until the replay has consumed the log up to {@code target}, printing progress. */
    private static Map<String, Long> awaitReached(
            LogOffsets log,
            JobClient job,
            String group,
            Map<String, Long> start,
            Map<String, Long> target,
            long began,
            PrintStream out)
            throws Exception {
        while (true) {
            JobStatus status = job.getJobStatus().get();
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException(
                        "the replay stopped ("
                                + status
                                + ") before it caught up; the aliases were not moved");
            }
            Map<String, Long> position = log.committed(group);
            RebuildProgress progress =
                    RebuildProgress.of(start, target, position, (System.nanoTime() - began) / 1e9);
            if (progress.done() < progress.total()) {
                out.print("\r" + progress.bar(30));
                out.flush();
            }
            if (log.reached(position, start, target)) {
                return new HashMap<>(position);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The projections there are to rebuild. */
    public static List<RebuildPlan> allPlans() {
        return new ArrayList<>(List.of(new TimelineRebuildPlan(), new TranscriptsRebuildPlan()));
    }
}
