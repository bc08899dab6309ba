package io.aircheck.jobs.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RebuildProgressTest {

    @Test
    void sumsPartitionsFromTheirStartToTheTarget() {
        Map<String, Long> start = Map.of("t-0", 100L, "t-1", 0L);
        Map<String, Long> target = Map.of("t-0", 300L, "t-1", 200L);
        RebuildProgress progress = RebuildProgress.of(start, target, Map.of("t-0", 200L), 10);
        assertThat(progress.total()).isEqualTo(400);
        assertThat(progress.done()).isEqualTo(100);
        assertThat(progress.fraction()).isEqualTo(0.25);
        assertThat(progress.rate()).isEqualTo(10.0);
        assertThat(progress.etaSeconds()).isEqualTo(30);
        assertThat(progress.bar(20))
                .isEqualTo("[#####---------------]  25%  100/400 records  10/s  ETA 30 s");
    }

    @Test
    void positionsPastTheTargetCountAsDoneAndAnEmptyLogIsComplete() {
        RebuildProgress past =
                RebuildProgress.of(Map.of(), Map.of("t-0", 50L), Map.of("t-0", 80L), 1);
        assertThat(past.fraction()).isEqualTo(1.0);
        assertThat(past.etaSeconds()).isZero();
        assertThat(RebuildProgress.of(Map.of(), Map.of(), Map.of(), 0).fraction()).isEqualTo(1.0);
        assertThat(RebuildProgress.of(Map.of(), Map.of("t-0", 10L), Map.of(), 0).bar(10))
                .endsWith("ETA ?");
    }
}
