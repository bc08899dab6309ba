package io.aircheck.jobs;

import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.protocol.Topics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The jobs' environment pointing at this JVM's shared test servers (topics created). */
public final class TestEnvironment {
    private TestEnvironment() {}

    /** A mutable environment: the test adds its own settings before {@code JobsConfig.fromEnv}. */
    public static Map<String, String> of(String bucket, Path checkpoints) {
        SharedTestServers.kafka().createTopics(Topics.all(), 2);
        Map<String, String> env = new HashMap<>();
        env.put("AIRCHECK_KAFKA_BOOTSTRAP", SharedTestServers.kafka().bootstrapServers());
        env.put("AIRCHECK_S3_ENDPOINT", SharedTestServers.s3().endpoint().toString());
        env.put("AIRCHECK_S3_ACCESS_KEY", SharedTestServers.S3_ACCESS_KEY);
        env.put("AIRCHECK_S3_SECRET_KEY", SharedTestServers.S3_SECRET_KEY);
        env.put("AIRCHECK_S3_BUCKET", bucket);
        env.put("AIRCHECK_ES_URL", SharedTestServers.elasticsearch().url().toString());
        env.put("AIRCHECK_CHECKPOINT_DIR", checkpoints.toUri().toString());
        env.put("AIRCHECK_CHECKPOINT_INTERVAL", "500ms");
        return env;
    }

    /** This process's environment variables whose names start with {@code prefix}. */
    public static Map<String, String> fromProcess(String prefix) {
        Map<String, String> env = new HashMap<>();
        System.getenv()
                .forEach(
                        (name, value) -> {
                            if (name.startsWith(prefix)) {
                                env.put(name, value);
                            }
                        });
        return env;
    }
}
