package io.aircheck.config;

import java.util.List;

/** Where the log of record is. */
public record KafkaSettings(String bootstrapServers) implements java.io.Serializable {
    public static final Setting<String> BOOTSTRAP =
            Setting.string(
                    "AIRCHECK_KAFKA_BOOTSTRAP",
                    "127.0.0.1:9092",
                    "Kafka bootstrap servers (host:port,...). The embedded stack starts its own broker unless this is set.");

    public static final List<Setting<?>> SETTINGS = List.of(BOOTSTRAP);

    public static KafkaSettings read(EnvReader env) {
        String bootstrap = env.get(BOOTSTRAP);
        if (bootstrap != null && bootstrap.isBlank()) {
            env.problem(BOOTSTRAP.env() + ": must not be blank");
        }
        return new KafkaSettings(bootstrap);
    }
}
