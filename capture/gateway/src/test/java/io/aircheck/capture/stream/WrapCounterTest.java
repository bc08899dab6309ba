package io.aircheck.capture.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrapCounterTest {

    @Test
    void sequenceNumbersCarryOnAcrossTheWrapAndReorderingAroundIt() {
        WrapCounter seq = WrapCounter.sequence();
        long first = seq.extend(65534);
        assertThat(seq.extend(65535)).isEqualTo(first + 1);
        assertThat(seq.extend(1)).isEqualTo(first + 3);
        assertThat(seq.extend(0)).isEqualTo(first + 2); // late, from before the wrap point
        assertThat(seq.extend(65533)).isEqualTo(first - 1); // from before the first
        assertThat(seq.highest()).isEqualTo(first + 3);
        assertThat(seq.peek(2)).isEqualTo(first + 4);
        assertThat(seq.highest()).isEqualTo(first + 3);
    }

    @Test
    void timestampsCarryOnAcrossTheirWrap() {
        WrapCounter ts = WrapCounter.timestamp();
        long first = ts.extend(4_294_966_336L); // 2^32 - 960
        assertThat(ts.extend(0)).isEqualTo(first + 960);
        assertThat(ts.extend(960)).isEqualTo(first + 1920);
        ts.reset();
        assertThat(ts.extend(5)).isEqualTo((1L << 32) + 5);
    }
}
