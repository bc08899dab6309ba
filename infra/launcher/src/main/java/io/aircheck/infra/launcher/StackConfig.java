package io.aircheck.infra.launcher;

import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.config.EnvReader;
import io.aircheck.config.KafkaSettings;
import io.aircheck.config.S3Settings;
import io.aircheck.config.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The embedded stack's own settings: where its data lives, and for each server whether to start it
 * (the default) or to use an external one (when its endpoint variable is set).
 */
public record StackConfig(
        Path dataDir,
        boolean embeddedKafka,
        int kafkaPort,
        int kafkaPartitions,
        boolean embeddedS3,
        int s3Port,
        boolean embeddedElasticsearch,
        int elasticsearchPort,
        String elasticsearchHeap,
        int flinkWebPort) {

    public static final Setting<Path> DATA_DIR =
            Setting.path(
                    "AIRCHECK_DATA_DIR",
                    "data",
                    "Directory for everything the embedded stack keeps (Kafka log, archive bucket, index, checkpoints). A restart on the same directory keeps every room.");
    public static final Setting<Integer> KAFKA_PORT =
            Setting.port(
                    "AIRCHECK_EMBEDDED_KAFKA_PORT", 9092, "Port of the embedded Kafka broker.");
    public static final Setting<Integer> KAFKA_PARTITIONS =
            Setting.positiveInt(
                    "AIRCHECK_KAFKA_PARTITIONS", 4, "Partitions of each topic the stack creates.");
    public static final Setting<Integer> S3_PORT =
            Setting.port(
                    "AIRCHECK_EMBEDDED_S3_PORT",
                    9000,
                    "Port of the embedded S3-compatible server.");
    public static final Setting<Integer> ES_PORT =
            Setting.port(
                    "AIRCHECK_EMBEDDED_ES_PORT",
                    9200,
                    "HTTP port of the embedded Elasticsearch node.");
    public static final Setting<String> ES_HEAP =
            new Setting<>(
                    "AIRCHECK_EMBEDDED_ES_HEAP",
                    "512m",
                    "Heap of the embedded Elasticsearch node (e.g. 512m, 2g); search latency under load wants 1g or more.",
                    text -> {
                        String v = text.trim().toLowerCase(java.util.Locale.ROOT);
                        if (!v.matches("[1-9][0-9]*[mg]")) {
                            throw new IllegalArgumentException("not a heap size like 512m or 2g");
                        }
                        return v;
                    });
    public static final Setting<Integer> FLINK_WEB_PORT =
            Setting.port(
                    "AIRCHECK_FLINK_WEB_PORT",
                    8081,
                    "Port of the Flink web UI of the embedded jobs (0 = no UI).");

    public static final List<Setting<?>> SETTINGS =
            List.of(
                    DATA_DIR,
                    KAFKA_PORT,
                    KAFKA_PARTITIONS,
                    S3_PORT,
                    ES_PORT,
                    ES_HEAP,
                    FLINK_WEB_PORT);

    public static StackConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        StackConfig config =
                new StackConfig(
                        reader.get(DATA_DIR),
                        isUnset(env, KafkaSettings.BOOTSTRAP.env()),
                        reader.get(KAFKA_PORT),
                        reader.get(KAFKA_PARTITIONS),
                        isUnset(env, S3Settings.ENDPOINT.env()),
                        reader.get(S3_PORT),
                        isUnset(env, ElasticsearchSettings.URL.env()),
                        reader.get(ES_PORT),
                        reader.get(ES_HEAP),
                        reader.get(FLINK_WEB_PORT));
        reader.validate("aircheck (embedded stack)");
        return config;
    }

    private static boolean isUnset(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank();
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path s3Dir() {
        return dataDir.resolve("s3");
    }

    public Path elasticsearchDir() {
        return dataDir.resolve("elasticsearch");
    }

    public Path checkpointsDir() {
        return dataDir.resolve("checkpoints");
    }

    public Path savepointsDir() {
        return dataDir.resolve("savepoints");
    }
}
