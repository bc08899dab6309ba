package io.aircheck.infra.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The embedded broker's configuration: node 1 as broker and controller (static quorum of one),
 * plain listeners on 127.0.0.1, replication 1 everywhere, no automatic topics, and archive
 * retention.
 */
final class KafkaBrokerConfig {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private KafkaBrokerConfig() {}

    static Properties properties(
            Path logDir, int brokerPort, int controllerPort, Duration startupTimeout) {
        String host = LoopbackPorts.HOST;
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://"
                        + host
                        + ":"
                        + brokerPort
                        + ","
                        + CONTROLLER_LISTENER
                        + "://"
                        + host
                        + ":"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // the archive keeps everything: records carry old event times
        p.put("log.retention.ms", "-1");
        p.put("log.retention.bytes", "-1");
        // 128 MiB by default; 4 MiB is plenty for compacted internal topics on one machine
        p.put("log.cleaner.dedupe.buffer.size", "4194304");
        p.put("transaction.max.timeout.ms", "3600000");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        // bounded start: the broker gives up instead of waiting forever for its controller
        p.put("server.max.startup.time.ms", String.valueOf(startupTimeout.toMillis()));
        return p;
    }
}
