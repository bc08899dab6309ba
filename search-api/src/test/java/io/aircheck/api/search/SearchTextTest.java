package io.aircheck.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTextTest {
    @Test
    void wordsPhrasesAndExclusions() {
        SearchText text = SearchText.parse("  tide \"northern  pier\" -storm barrier ");
        assertThat(text.words()).containsExactly("tide", "barrier");
        assertThat(text.phrases()).containsExactly("northern pier");
        assertThat(text.excluded()).containsExactly("storm");
        assertThat(text.isEmpty()).isFalse();
    }

    @Test
    void aPhraseRightAfterAWord() {
        SearchText text = SearchText.parse("said\"good night\"");
        assertThat(text.words()).containsExactly("said");
        assertThat(text.phrases()).containsExactly("good night");
    }

    @Test
    void blankIsABrowse() {
        assertThat(SearchText.parse("  ").isEmpty()).isTrue();
        assertThat(SearchText.parse(null)).isEqualTo(SearchText.EMPTY);
    }

    @Test
    void malformedQueriesSayWhatToFix() {
        assertThatThrownBy(() -> SearchText.parse("the \"open phrase"))
                .hasMessageContaining("opening quote at position 5 that is never closed");
        assertThatThrownBy(() -> SearchText.parse("\"\"")).hasMessageContaining("empty phrase");
        assertThatThrownBy(() -> SearchText.parse("tide - storm")).hasMessageContaining("lone '-'");
        assertThatThrownBy(() -> SearchText.parse("-storm")).hasMessageContaining("only excludes");
        assertThatThrownBy(() -> SearchText.parse("x".repeat(501)))
                .hasMessageContaining("at most 500");
        assertThatThrownBy(
                        () ->
                                SearchText.parse(
                                        String.join(" ", java.util.Collections.nCopies(33, "w"))))
                .hasMessageContaining("more than 32");
    }

    @Test
    void queryPagingIsBounded() {
        SearchText t = SearchText.parse("tide");
        assertThat(new SearchQuery(t, null, null, null, null, null, null, null, 3, 20).offset())
                .isEqualTo(40);
        assertThat(new SearchQuery(t, null, null, null, null, null, null, null, 1, 20).sort())
                .isEqualTo(Sort.RELEVANCE);
        assertThat(
                        new SearchQuery(
                                        SearchText.EMPTY,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        1,
                                        20)
                                .sort())
                .isEqualTo(Sort.NEWEST);
        assertThatThrownBy(
                        () ->
                                new SearchQuery(
                                        t, null, null, null, null, null, null, null, 101, 100))
                .hasMessageContaining("past the first 10000");
        assertThatThrownBy(() -> Sort.parse("loud"))
                .hasMessageContaining("relevance, newest or oldest");
        assertThat(List.of(Sort.parse(" Newest "))).containsExactly(Sort.NEWEST);
    }
}
