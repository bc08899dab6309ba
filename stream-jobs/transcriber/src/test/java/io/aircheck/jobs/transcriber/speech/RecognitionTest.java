package io.aircheck.jobs.transcriber.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecognitionTest {
    private static RecognizedWord word(String text, long startMs, long endMs, double conf) {
        return new RecognizedWord(text, startMs * 1000, endMs * 1000, conf);
    }

    @Test
    void wordsHeardInTheContextAreDroppedAndTheRestRetimed() {
        Recognition heard =
                new Recognition(
                        List.of(
                                word("before", 100, 600, 1),
                                word("straddles", 1800, 2300, 1),
                                word("after", 2200, 2600, 1)));
        Recognition after = heard.after(2_000_000);
        assertThat(after.text()).isEqualTo("straddles after");
        assertThat(after.words().get(0).startUs()).isZero();
        assertThat(after.words().get(1).startUs()).isEqualTo(200_000);
    }

    @Test
    void junkIsWhatTheEngineWasUnsureOf() {
        assertThat(JunkFilter.keeps(Recognition.NOTHING)).isFalse();
        assertThat(JunkFilter.keeps(new Recognition(List.of(word("yeah", 0, 60, 0.52))))).isFalse();
        assertThat(
                        JunkFilter.keeps(
                                new Recognition(
                                        List.of(
                                                word("the", 0, 60, 0.4),
                                                word("huh", 60, 90, 0.5)))))
                .isFalse();
        assertThat(JunkFilter.keeps(new Recognition(List.of(word("yes", 0, 300, 1.0))))).isTrue();
        assertThat(
                        JunkFilter.keeps(
                                new Recognition(
                                        List.of(
                                                word("solar", 0, 300, 1.0),
                                                word("panels", 300, 700, 0.4)))))
                .isTrue();
    }

    @Test
    void aSegmentIsTimedOnTheRoomClockWithADeterministicId() {
        Recognition heard =
                new Recognition(List.of(word("hello", 300, 700, 1), word("world", 800, 1200, 0.9)));
        Segment segment = Segment.of("room", "s1", "alice", "mic", 1_000_000_000L, heard);
        assertThat(segment.segmentId()).isEqualTo("room:s1:alice:mic:1000000");
        assertThat(segment.startUs()).isEqualTo(1_000_300_000L);
        assertThat(segment.endUs()).isEqualTo(1_001_200_000L);
        assertThat(segment.text()).isEqualTo("hello world");
        assertThat(Segment.of("room", "s1", "alice", "mic", 0, Recognition.NOTHING)).isNull();
    }

    @Test
    void wordErrorRateCountsSubstitutionsDeletionsAndInsertions() {
        assertThat(WordErrorRate.of("The cat sat.", "the cat sat")).isZero();
        assertThat(WordErrorRate.of("the cat sat on the mat", "the bat sat on mat"))
                .isEqualTo(2 / 6.0);
        assertThat(WordErrorRate.of("a b", "a b c d")).isEqualTo(1.0);
        assertThat(WordErrorRate.words("It's 7 o'clock!")).containsExactly("it's", "7", "o'clock");
    }
}
