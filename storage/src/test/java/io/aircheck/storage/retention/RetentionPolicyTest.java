package io.aircheck.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    @Test
    void tiersParseAndTheFirstMatchingTierWins() {
        RetentionPolicy p =
                RetentionPolicy.parse(
                        "public-replay=90d:rooms/*/*/mix/*.m4s;compliance=7y!:rooms/**;exports=6w:s3://aircheck-exports/**");
        assertThat(p.tiers())
                .extracting(RetentionTier::name)
                .containsExactly("public-replay", "compliance", "exports");
        assertThat(p.tierOf("a", "a", "rooms/r/s/mix/seg-000001.m4s"))
                .hasValueSatisfying(t -> assertThat(t.keepFor()).isEqualTo(Duration.ofDays(90)));
        assertThat(p.tierOf("a", "a", "rooms/r/s/mix/room.opus"))
                .hasValueSatisfying(
                        t -> {
                            assertThat(t.name()).isEqualTo("compliance");
                            assertThat(t.worm()).isTrue();
                            assertThat(t.describeRetention()).isEqualTo("7y");
                        });
        assertThat(p.tierOf("a", "a", "audit/head.json")).isEmpty();
        assertThat(p.tierOf("aircheck-exports", "a", "x/y"))
                .hasValueSatisfying(t -> assertThat(t.keepFor()).isEqualTo(Duration.ofDays(42)));
        assertThat(p.buckets("a")).containsExactly("a", "aircheck-exports");
        assertThat(RetentionPolicy.parse("keep=forever:audit/**").tiers().get(0).keepFor())
                .isNull();
    }

    @Test
    void patternsMatchWithinAndAcrossSegments() {
        assertThat(new KeyPattern("rooms/*/*/mix/*.m4s").matches("rooms/r/s/mix/seg-1.m4s"))
                .isTrue();
        assertThat(new KeyPattern("rooms/*/*/mix/*.m4s").matches("rooms/r/s/mix/public/seg-1.m4s"))
                .isFalse();
        assertThat(new KeyPattern("rooms/**").matches("rooms/r/s/tracks/a/b.opus")).isTrue();
        assertThat(
                        new KeyPattern("rooms/*/*/mix/public/**")
                                .matches("rooms/r/s/mix/public/room.opus"))
                .isTrue();
        assertThat(RetentionRun.literalPrefix("rooms/*/*/mix/*.m4s")).isEqualTo("rooms/");
        assertThat(RetentionRun.literalPrefix("exports/**")).isEqualTo("exports/");
    }

    @Test
    void badTiersSayWhatIsWrong() {
        assertThatThrownBy(() -> RetentionPolicy.parse("x=soon:rooms/**"))
                .hasMessageContaining("tier 'x': retention 'soon'");
        assertThatThrownBy(() -> RetentionPolicy.parse("x:rooms/**"))
                .hasMessageContaining("not name=retention:pattern");
        assertThatThrownBy(() -> RetentionPolicy.parse("a=1d:x/**;a=2d:y/**"))
                .hasMessageContaining("same name");
        assertThatThrownBy(() -> RetentionPolicy.parse("Bad Name=1d:x/**"))
                .hasMessageContaining("tier name");
    }
}
