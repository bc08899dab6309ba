package io.aircheck.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void zeroMeansAFreePort() {
        assertThat(LoopbackPorts.resolve("S3", 0)).isBetween(1, 65535);
    }

    @Test
    void aFixedFreePortIsKept() {
        int port = LoopbackPorts.free();

        assertThat(LoopbackPorts.resolve("S3", port)).isEqualTo(port);
    }

    @Test
    void aTakenPortNamesTheServerAndThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LoopbackPorts.resolve("Kafka", taken.getLocalPort()))
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageStartingWith(
                            "Kafka: port "
                                    + taken.getLocalPort()
                                    + " on 127.0.0.1 is not available");
        }
    }
}
