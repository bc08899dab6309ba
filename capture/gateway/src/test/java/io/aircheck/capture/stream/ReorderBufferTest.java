package io.aircheck.capture.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    static final long HOLD = 100_000;

    final ReorderBuffer<String> buffer = new ReorderBuffer<>(HOLD, 8);
    final List<ReorderBuffer.Released<String>> out = new ArrayList<>();

    @Test
    void theFirstPacketWaitsTheHoldSoThatReorderingAroundItComesOutInOrder() {
        buffer.offer(11, "b", 0, out);
        buffer.offer(10, "a", 5_000, out);
        assertThat(out).isEmpty();
        assertThat(buffer.nextDueUs()).isEqualTo(HOLD);
        buffer.release(HOLD, out);
        assertThat(out).extracting(ReorderBuffer.Released::item).containsExactly("a", "b");
        out.clear();
        buffer.offer(12, "c", HOLD + 1, out); // in order: out at once
        assertThat(out).extracting(ReorderBuffer.Released::item).containsExactly("c");
    }

    @Test
    void aGapIsWaitedForThenGivenUpAndCounted() {
        start();
        buffer.offer(3, "3", 200_000, out); // 2 is missing
        buffer.offer(4, "4", 210_000, out);
        assertThat(out).isEmpty();
        buffer.release(299_999, out);
        assertThat(out).isEmpty();
        buffer.release(300_000, out);
        assertThat(out)
                .extracting(r -> r.item() + "/" + r.lostBefore())
                .containsExactly("3/1", "4/0");
        assertThat(buffer.lostCount()).isEqualTo(1);
        out.clear();
        assertThat(buffer.offer(2, "2", 300_001, out)).isEqualTo(ReorderBuffer.Offer.LATE);
        assertThat(buffer.offer(3, "3", 300_002, out)).isEqualTo(ReorderBuffer.Offer.DUPLICATE);
    }

    @Test
    void aGapThatFillsInTimeLosesNothing() {
        start();
        buffer.offer(3, "3", 200_000, out);
        buffer.offer(2, "2", 250_000, out);
        assertThat(out)
                .extracting(r -> r.item() + "/" + r.lostBefore())
                .containsExactly("2/0", "3/0");
        assertThat(buffer.lostCount()).isZero();
    }

    @Test
    void repeatsOfWaitingPacketsAreDuplicates() {
        start();
        buffer.offer(4, "4", 200_000, out);
        assertThat(buffer.offer(4, "4", 200_001, out)).isEqualTo(ReorderBuffer.Offer.DUPLICATE);
        assertThat(buffer.waitingCount()).isEqualTo(1);
    }

    @Test
    void aFullBufferGivesUpTheOldestGapAtOnce() {
        start();
        for (int s = 3; s < 3 + 18; s += 2) { // 9 packets, each after a gap
            buffer.offer(s, "" + s, 200_000, out);
        }
        assertThat(out).extracting(ReorderBuffer.Released::item).containsExactly("3");
        assertThat(out.get(0).lostBefore()).isEqualTo(1);
        assertThat(buffer.waitingCount()).isEqualTo(8);
    }

    @Test
    void flushReleasesEverythingInOrder() {
        start();
        buffer.offer(5, "5", 200_000, out);
        buffer.offer(3, "3", 200_000, out);
        buffer.flush(out);
        assertThat(out)
                .extracting(r -> r.item() + "/" + r.lostBefore())
                .containsExactly("3/1", "5/1");
        assertThat(buffer.nextDueUs()).isEqualTo(-1);
    }

    /** Packet 1 released: the stream is running, 2 is next. */
    private void start() {
        buffer.offer(1, "1", 0, out);
        buffer.release(HOLD, out);
        assertThat(out).extracting(ReorderBuffer.Released::item).containsExactly("1");
        out.clear();
    }
}
