package io.aircheck.api.search.es;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.api.search.HighlightMarkup;
import io.aircheck.api.search.SearchText;
import org.junit.jupiter.api.Test;

class MatchMarkerTest {
    private static String mark(String q, String text) {
        String marked = MatchMarker.of(SearchText.parse(q)).mark(text);
        return marked == null
                ? null
                : marked.replace(HighlightMarkup.START, "[").replace(HighlightMarkup.END, "]");
    }

    @Test
    void wordsAreMarkedWhereverTheirStemsAre() {
        assertThat(mark("budget", "The Budgets and the budget's review"))
                .isEqualTo("The [Budgets] and the [budget's] review");
        assertThat(mark("running speakers", "a speaker runs, then ran; running"))
                .isEqualTo("a [speaker] [runs], then ran; [running]");
    }

    @Test
    void aPhraseIsOneSpanAndOnlyWhereItsWordsFollowEachOther() {
        assertThat(mark("\"tidal barrier\"", "the tidal barrier was a barrier, tidal at last"))
                .isEqualTo("the [tidal barrier] was a barrier, tidal at last");
        assertThat(mark("\"barrier tidal\"", "the tidal barrier")).isNull();
    }

    @Test
    void stopWordsInsideAPhraseKeepTheirPlaces() {
        assertThat(mark("\"state of the art\"", "a state of the art tool; state of art"))
                .isEqualTo("a [state of the art] tool; state of art");
        // the stop words themselves may differ (they are not indexed), their count may not
        assertThat(mark("\"state of the art\"", "state in an art")).isEqualTo("[state in an art]");
    }

    @Test
    void overlappingMatchesMakeOneSpanAndExcludedWordsAreNeverMarked() {
        assertThat(mark("\"quarterly budget\" budget review", "the quarterly budget review"))
                .isEqualTo("the [quarterly budget] [review]");
        assertThat(mark("budget -review", "budget review")).isEqualTo("[budget] review");
    }

    @Test
    void nothingToMarkGivesNull() {
        assertThat(mark("solar", "the tidal barrier")).isNull();
        assertThat(MatchMarker.of(SearchText.EMPTY).mark("anything")).isNull();
        assertThat(mark("the", "the tidal barrier")).isNull(); // a stop word is not indexed
        assertThat(mark("tide", "")).isNull();
    }

    @Test
    void unicodeAndPunctuationKeepTheirOffsets() {
        assertThat(mark("café", "« Café » naïve, café!")).isEqualTo("« [Café] » naïve, [café]!");
    }
}
