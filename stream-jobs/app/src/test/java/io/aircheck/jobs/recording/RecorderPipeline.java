package io.aircheck.jobs.recording;

import io.aircheck.config.S3Settings;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.StreamJobs;
import io.aircheck.jobs.kafka.KafkaConnectors;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.jobs.recorder.RecorderJob;
import io.aircheck.jobs.recorder.StandardFrameDecoders;
import io.aircheck.storage.s3.S3ObjectStore;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The recorder job wired as {@link StreamJobs#wire} wires it, on topics of the test's own (so tests
 * and benchmark runs sharing a broker do not read each other's rooms), optionally with a tap on the
 * source records (to inject a failure).
 */
final class RecorderPipeline {
    /** One run's topics. */
    record Topics(String audio, String recordings, String deadLetters) {
        static Topics named(String prefix) {
            String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            return new Topics(id + ".audio", id + ".recordings", id + ".audio.dlq");
        }

        List<String> all() {
            return List.of(audio, recordings, deadLetters);
        }

        static Topics fresh(String prefix) {
            Topics topics = named(prefix);
            SharedTestServers.kafka()
                    .createTopics(
                            List.of(topics.audio(), topics.recordings(), topics.deadLetters()), 2);
            return topics;
        }
    }

    private RecorderPipeline() {}

    static JobClient start(
            JobsConfig config, Topics topics, MapFunction<SourceRecord, SourceRecord> tap)
            throws Exception {
        return start(config, topics, tap, null);
    }

    /**
     * As {@link #start(JobsConfig, Topics, MapFunction)}, restoring from {@code restoreFrom} (a
     * savepoint or retained checkpoint directory, as a URI) when it is not null.
     */
    static JobClient start(
            JobsConfig config,
            Topics topics,
            MapFunction<SourceRecord, SourceRecord> tap,
            String restoreFrom)
            throws Exception {
        Configuration flink = StreamJobs.flinkConfiguration(config);
        if (restoreFrom != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                java.time.Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(config.parallelism());
        String group = "recorder-" + topics.audio();
        DataStream<SourceRecord> audio =
                env.fromSource(
                                KafkaConnectors.source(config.kafka(), topics.audio(), group),
                                WatermarkStrategy.noWatermarks(),
                                topics.audio())
                        .uid(group + "-source");
        if (tap != null) {
            audio = audio.map(tap).returns(SourceRecord.class).name("tap").uid("tap");
        }
        S3Settings s3 = config.s3();
        RecorderJob.Outputs recorder =
                RecorderJob.build(
                        audio,
                        config.recorder(),
                        new StandardFrameDecoders(),
                        () -> S3ObjectStore.connect(s3));
        recorder.recordings()
                .sinkTo(
                        KafkaConnectors.exactlyOnceSink(
                                config.kafka(), topics.recordings(), group + "-rec"))
                .uid("recordings-sink");
        recorder.deadLetters()
                .sinkTo(
                        KafkaConnectors.exactlyOnceSink(
                                config.kafka(), topics.deadLetters(), group + "-dlq"))
                .uid("dlq-sink");
        return env.executeAsync("recorder " + topics.audio());
    }
}
