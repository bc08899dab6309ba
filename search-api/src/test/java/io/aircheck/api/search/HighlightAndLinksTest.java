package io.aircheck.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HighlightAndLinksTest {
    @Test
    void highlightsAreSafeHtml() {
        String marked =
                "a <b>&\"" + HighlightMarkup.START + "tide" + HighlightMarkup.END + "' rose";
        assertThat(HighlightMarkup.toHtml(marked))
                .isEqualTo("a &lt;b&gt;&amp;&quot;<mark>tide</mark>&#39; rose");
        assertThat(HighlightMarkup.toHtml(HighlightMarkup.START + "open"))
                .isEqualTo("<mark>open</mark>");
        assertThat(HighlightMarkup.escape("<script>")).isEqualTo("&lt;script&gt;");
    }

    @Test
    void offsetsAndDeepLinks() {
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(ReplayLinks.offsetSeconds(start.toEpochMilli() + 12_345, start))
                .isEqualTo(12.345);
        assertThat(ReplayLinks.offsetSeconds(start.toEpochMilli() - 5, start)).isEqualTo(0.0);
        assertThat(ReplayLinks.offsetSeconds(1, null)).isNull();
        assertThat(ReplayLinks.page("r", "s", 12.5)).isEqualTo("/rooms/r/s?t=12.5");
        assertThat(ReplayLinks.page("r", "s", 3.0)).isEqualTo("/rooms/r/s?t=3");
        assertThat(ReplayLinks.page("r", "s", null)).isEqualTo("/rooms/r/s");
    }

    @Test
    void cursorsRoundTripAndRejectForgeries() {
        Cursor cursor = new Cursor(1_767_261_600_123L, "seg:with:colons");
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThatThrownBy(() -> Cursor.decode("%%%"))
                .hasMessageContaining("not one this API handed out");
        assertThatThrownBy(() -> Cursor.decode("bm9jb2xvbg"))
                .hasMessageContaining("not one this API handed out");
    }
}
