package io.aircheck.capture.bench;

import io.aircheck.infra.embedded.EmbeddedKafka;
import io.aircheck.protocol.Topics;
import java.nio.file.Path;

/**
 * The benchmark's broker, in a process of its own so that its CPU is not counted as the gateway's:
 * {@code BenchBroker DIR PARTITIONS} starts a KRaft broker with the topics, prints {@code READY
 * host:port}, and stops when its standard input closes.
 */
public final class BenchBroker {
    private BenchBroker() {}

    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), 0);
        kafka.createTopics(Topics.all(), Integer.parseInt(args[1]));
        System.out.println("READY " + kafka.bootstrapServers());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the benchmark goes away
        }
        kafka.close();
    }
}
