package io.aircheck.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.config.KafkaSettings;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaAuditLogTest {
    private static final KafkaSettings KAFKA = new KafkaSettings("127.0.0.1:9092");

    @Test
    void eventsThatARequestWaitsForAreSentAtOnceTheOthersBatched() {
        // exports, downloads of bundles, holds and trail queries wait for the acknowledgement:
        // a linger would be added to each of those requests
        assertThat(KafkaAuditLog.ACKNOWLEDGED_LINGER_MS).isZero();
        // searches, plays and reads are recorded after their response: batching costs nobody
        assertThat(KafkaAuditLog.BATCH_LINGER_MS).isBetween(1, 100);
        for (int linger : new int[] {KafkaAuditLog.ACKNOWLEDGED_LINGER_MS, 50}) {
            Properties p = KafkaAuditLog.producerSettings(KAFKA, linger, "id");
            assertThat(p)
                    .containsEntry("acks", "all")
                    .containsEntry("enable.idempotence", "true")
                    .containsEntry("linger.ms", Integer.toString(linger))
                    .containsEntry("bootstrap.servers", "127.0.0.1:9092");
        }
    }
}
