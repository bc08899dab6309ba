package io.aircheck.jobs.recorder.mix;

import static io.aircheck.jobs.recorder.mix.SeenSequences.Verdict.DUPLICATE;
import static io.aircheck.jobs.recorder.mix.SeenSequences.Verdict.NEW;
import static io.aircheck.jobs.recorder.mix.SeenSequences.Verdict.TOO_OLD;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenSequencesTest {
    private static SeenSequences seen(long... sequences) {
        SeenSequences s = SeenSequences.NONE;
        for (long q : sequences) {
            assertThat(s.judge(q)).isEqualTo(NEW);
            s = s.with(q);
        }
        return s;
    }

    @Test
    void reorderedFramesAreNewRepeatsAreDuplicates() {
        SeenSequences s = seen(0, 1, 3, 2, 7, 5);
        assertThat(s.judge(4)).isEqualTo(NEW);
        assertThat(s.judge(6)).isEqualTo(NEW);
        assertThat(s.judge(8)).isEqualTo(NEW);
        for (long q : new long[] {0, 1, 2, 3, 5, 7}) {
            assertThat(s.judge(q)).as("sequence %d", q).isEqualTo(DUPLICATE);
        }
    }

    @Test
    void theWindowIs64Behind() {
        SeenSequences s = seen(100, 200);
        assertThat(s.judge(100)).isEqualTo(TOO_OLD); // 100 behind: outside the window
        assertThat(s.judge(136)).isEqualTo(NEW);
        assertThat(s.judge(135)).isEqualTo(TOO_OLD);
        SeenSequences near = seen(100, 164);
        assertThat(near.judge(100)).isEqualTo(DUPLICATE); // exactly 64 behind: still remembered
        SeenSequences jump = seen(0, 1, 2).with(66);
        assertThat(jump.judge(2)).isEqualTo(DUPLICATE);
        assertThat(jump.judge(1)).isEqualTo(TOO_OLD);
    }
}
