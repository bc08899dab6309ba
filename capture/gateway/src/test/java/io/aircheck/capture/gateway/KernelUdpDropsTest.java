package io.aircheck.capture.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KernelUdpDropsTest {
    static final String TABLE =
            """
               sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              123: 0100007F:138C 00000000:0000 07 00000000 00000000 00:00000000 00000000     0        0 31337 2 0000000000000000 42
              124: 0100007F:138D 00000000:0000 07 00000000 00000000 00:00000000 00000000     0        0 31338 2 0000000000000000 7
              125: 00000000:0044 00000000:0000 07 00000000 00000000 00:00000000 00000000     0        0 1234 2 0000000000000000 1000
            """;

    @Test
    void sumsTheDropsOfTheGatewaysPortsOnly() {
        assertThat(KernelUdpDrops.sum(TABLE, Set.of(5004))).isEqualTo(42);
        assertThat(KernelUdpDrops.sum(TABLE, Set.of(5004, 5005))).isEqualTo(49);
        assertThat(KernelUdpDrops.sum(TABLE, Set.of(9))).isZero();
        assertThat(KernelUdpDrops.sum("garbage\nnot a table at all", Set.of(5004))).isZero();
    }
}
