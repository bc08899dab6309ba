package io.aircheck.jobs;

import io.aircheck.jobs.audit.AuditArchiverJob;
import io.aircheck.jobs.audit.io.ElasticsearchAuditIndexFactory;
import io.aircheck.jobs.consent.ConsentJob;
import io.aircheck.jobs.indexer.IndexerJob;
import io.aircheck.jobs.indexer.io.ElasticsearchTranscriptIndexFactory;
import io.aircheck.jobs.indexer.io.TranscriptIndexFactory;
import io.aircheck.jobs.indexer.io.TranscriptIndexSink;
import io.aircheck.jobs.io.ElasticsearchCatalogFactory;
import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.jobs.io.RoomCatalogFactory;
import io.aircheck.jobs.io.RoomCatalogSink;
import io.aircheck.jobs.kafka.KafkaConnectors;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.jobs.recorder.RecorderJob;
import io.aircheck.jobs.recorder.StandardFrameDecoders;
import io.aircheck.jobs.recorder.mix.FrameDecoder;
import io.aircheck.jobs.timeline.SessionFilesSink;
import io.aircheck.jobs.timeline.TimelineJob;
import io.aircheck.jobs.transcriber.TranscriberJob;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import io.aircheck.protocol.Topics;
import io.aircheck.storage.s3.S3ObjectStore;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires the stream jobs to their real sources and sinks. The same wiring runs in the embedded stack
 * (Flink local mode), in tests (MiniCluster) and on a Flink cluster ({@link #main}).
 */
public final class StreamJobs {

    /** Where the jobs read and write besides Kafka, how they decode audio and hear speech. */
    public record Connections(
            ObjectStoreFactory store,
            RoomCatalogFactory catalog,
            FrameDecoder.Factory decoders,
            TranscriptIndexFactory transcripts,
            SpeechRecognizer.Factory speech) {

        public static Connections of(JobsConfig config) {
            var s3 = config.s3();
            return new Connections(
                    () -> S3ObjectStore.connect(s3),
                    new ElasticsearchCatalogFactory(config.elasticsearch()),
                    new StandardFrameDecoders(),
                    new ElasticsearchTranscriptIndexFactory(config.elasticsearch()),
                    config.transcriber().engine());
        }
    }

    private StreamJobs() {}

    /** Flink settings: exactly-once checkpoints kept on cancellation, object reuse, heap state. */
    public static Configuration flinkConfiguration(JobsConfig config) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        flink.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
        flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        flink.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        flink.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        flink.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        flink.set(PipelineOptions.OBJECT_REUSE, true);
        return flink;
    }

    /** Adds the configured jobs' topologies to {@code env}. */
    public static void wire(
            StreamExecutionEnvironment env, JobsConfig config, Connections connections) {
        env.setParallelism(config.parallelism());
        if (config.jobs().contains(JobsConfig.RECORDER)) {
            DataStream<SourceRecord> audio =
                    source(env, config, Topics.ROOM_AUDIO, "aircheck-recorder");
            RecorderJob.Outputs recorder =
                    RecorderJob.build(
                            audio, config.recorder(), connections.decoders(), connections.store());
            recorder.recordings()
                    .sinkTo(
                            KafkaConnectors.exactlyOnceSink(
                                    config.kafka(),
                                    Topics.ARCHIVE_RECORDINGS,
                                    "aircheck-recorder-recordings"))
                    .name("archive.recordings")
                    .uid("recorder-recordings-sink");
            recorder.deadLetters()
                    .sinkTo(
                            KafkaConnectors.exactlyOnceSink(
                                    config.kafka(),
                                    Topics.deadLetter(Topics.ROOM_AUDIO),
                                    "aircheck-recorder-dlq"))
                    .name("room.audio.dlq")
                    .uid("recorder-dlq-sink");
        }
        if (config.jobs().contains(JobsConfig.TIMELINE)) {
            DataStream<SourceRecord> records =
                    env.fromSource(
                                    KafkaConnectors.source(
                                            config.kafka(),
                                            List.of(Topics.ROOM_EVENTS, Topics.ROOM_TRANSCRIPTS),
                                            "aircheck-timeline"),
                                    WatermarkStrategy.noWatermarks(),
                                    "room.events+room.transcripts")
                            .uid("aircheck-timeline-source");
            TimelineJob.Outputs timeline = TimelineJob.build(records, config.timeline());
            timeline.rooms()
                    .sinkTo(new RoomCatalogSink(connections.catalog(), 500, 1_000))
                    .name("rooms index")
                    .uid("timeline-rooms-sink");
            timeline.files()
                    .sinkTo(new SessionFilesSink(connections.store()))
                    .name("session files")
                    .uid("timeline-files-sink");
            timeline.deadLetters()
                    .sinkTo(KafkaConnectors.deadLetterSink(config.kafka(), "aircheck-timeline-dlq"))
                    .name("timeline dead letters")
                    .uid("timeline-dlq-sink");
        }
        wireTranscription(env, config, connections);
    }

    private static void wireTranscription(
            StreamExecutionEnvironment env, JobsConfig config, Connections connections) {
        if (config.jobs().contains(JobsConfig.TRANSCRIBER)) {
            DataStream<SourceRecord> audio =
                    source(env, config, Topics.ROOM_AUDIO, "aircheck-transcriber");
            TranscriberJob.Outputs transcriber =
                    TranscriberJob.build(
                            audio, config.transcriber().cutter(), connections.speech());
            transcriber
                    .transcripts()
                    .sinkTo(
                            KafkaConnectors.exactlyOnceSink(
                                    config.kafka(),
                                    Topics.ROOM_TRANSCRIPTS,
                                    "aircheck-transcriber-segments"))
                    .name("room.transcripts")
                    .uid("transcriber-segments-sink");
            transcriber
                    .deadLetters()
                    .sinkTo(
                            KafkaConnectors.exactlyOnceSink(
                                    config.kafka(),
                                    Topics.deadLetter(Topics.ROOM_AUDIO),
                                    "aircheck-transcriber-dlq"))
                    .name("room.audio.dlq (transcriber)")
                    .uid("transcriber-dlq-sink");
        }
        if (config.jobs().contains(JobsConfig.INDEXER)) {
            IndexerJob.Outputs indexer =
                    IndexerJob.build(
                            source(env, config, Topics.ROOM_TRANSCRIPTS, "aircheck-indexer"),
                            source(env, config, Topics.ROOM_EVENTS, "aircheck-indexer-events"),
                            connections.store());
            indexer.documents()
                    .sinkTo(new TranscriptIndexSink(connections.transcripts(), 500, 200))
                    .name("transcripts index")
                    .uid("indexer-transcripts-sink");
            indexer.deadLetters()
                    .sinkTo(
                            KafkaConnectors.exactlyOnceSink(
                                    config.kafka(),
                                    Topics.deadLetter(Topics.ROOM_TRANSCRIPTS),
                                    "aircheck-indexer-dlq"))
                    .name("room.transcripts.dlq")
                    .uid("indexer-dlq-sink");
        }
        if (config.jobs().contains(JobsConfig.AUDIT)) {
            AuditArchiverJob.wire(
                    env,
                    config.kafka(),
                    Topics.ARCHIVE_AUDIT,
                    connections.store(),
                    new ElasticsearchAuditIndexFactory(config.elasticsearch()),
                    config.audit());
        }
        if (config.jobs().contains(JobsConfig.CONSENT)) {
            ConsentJob.wire(env, config.kafka(), connections.store());
        }
    }

    private static DataStream<SourceRecord> source(
            StreamExecutionEnvironment env, JobsConfig config, String topic, String group) {
        return env.fromSource(
                        KafkaConnectors.source(config.kafka(), topic, group),
                        WatermarkStrategy.noWatermarks(),
                        topic)
                .uid(group + "-source");
    }

    /** Runs the configured jobs on the Flink cluster this is submitted to (or locally). */
    public static void main(String[] args) throws Exception {
        JobsConfig config = JobsConfig.fromEnv(System.getenv());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        wire(env, config, Connections.of(config));
        env.execute("aircheck " + String.join("+", config.jobs()));
    }
}
