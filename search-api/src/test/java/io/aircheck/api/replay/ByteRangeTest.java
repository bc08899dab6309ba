package io.aircheck.api.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void parsesTheThreeFormsOfASingleRange() throws Exception {
        assertThat(ByteRange.parse("bytes=100-199", 1000)).contains(new ByteRange(100, 199, 1000));
        assertThat(ByteRange.parse("bytes=900-", 1000)).contains(new ByteRange(900, 999, 1000));
        assertThat(ByteRange.parse("bytes=-100", 1000)).contains(new ByteRange(900, 999, 1000));
        assertThat(ByteRange.parse("bytes=0-5000", 1000)).contains(new ByteRange(0, 999, 1000));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).contains(new ByteRange(0, 999, 1000));
        assertThat(new ByteRange(100, 199, 1000).contentRange()).isEqualTo("bytes 100-199/1000");
        assertThat(new ByteRange(100, 199, 1000).length()).isEqualTo(100);
    }

    @Test
    void answersWithTheWholeObjectForWhatItDoesNotTake() throws Exception {
        assertThat(ByteRange.parse(null, 1000)).isEmpty();
        assertThat(ByteRange.parse("items=1-2", 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=1-2,5-6", 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=abc-", 1000)).isEmpty();
    }

    @Test
    void refusesRangesOutsideTheObject() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1000))
                .isInstanceOf(ByteRange.Unsatisfiable.class)
                .hasMessageContaining("outside the 1000 bytes");
        assertThatThrownBy(() -> ByteRange.parse("bytes=500-100", 1000))
                .isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 1000))
                .isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
