package io.aircheck.api.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayFormatsTest {
    @Test
    void playlistUrisPointBackAtTheApiWithTheToken() {
        String playlist =
                "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.0,\nseg-000000.m4s\n"
                        + "#EXTINF:4.0,\nhttp://bucket.example/rooms/r/s/mix/seg-000001.m4s?X-Amz-Signature=x\n";
        assertThat(PlaylistRewriter.rewrite(playlist, "access_token=k%2B1"))
                .isEqualTo(
                        "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4?access_token=k%2B1\"\n#EXTINF:4.0,\n"
                                + "seg-000000.m4s?access_token=k%2B1\n#EXTINF:4.0,\nseg-000001.m4s?access_token=k%2B1\n");
        assertThat(PlaylistRewriter.rewrite("#EXTM3U\r\nmix/seg-000000.m4s\r\n", null))
                .isEqualTo("#EXTM3U\nseg-000000.m4s\n");
        assertThat(PlaylistRewriter.isComplete("#EXTM3U\n#EXT-X-ENDLIST\n")).isTrue();
        assertThat(PlaylistRewriter.isComplete("#EXTM3U\n")).isFalse();
    }

    @Test
    void webVttCuesWithVoices() {
        List<TranscriptLine> lines =
                List.of(
                        new TranscriptLine(
                                "a", "p1", "Ann <Chair>", 0, 1_500, "one & two", List.of()),
                        new TranscriptLine(
                                "b", "p2", "Bo", 3_723_004, 3_723_004, "<i>late</i>", List.of()));
        assertThat(WebVtt.render(lines))
                .isEqualTo(
                        "WEBVTT\n\na\n00:00:00.000 --> 00:00:01.500\n<v Ann &lt;Chair&gt;>one &amp; two\n\n"
                                + "b\n01:02:03.004 --> 01:02:03.005\n<v Bo>&lt;i&gt;late&lt;/i&gt;\n\n");
    }

    @Test
    void speakingIntervalsMergeShortPauses() {
        List<TranscriptLine> lines =
                List.of(
                        new TranscriptLine("1", "ann", "Ann", 0, 2_000, "x", List.of()),
                        new TranscriptLine("2", "bo", "Bo", 2_500, 4_000, "x", List.of()),
                        new TranscriptLine("3", "ann", "Ann", 3_000, 5_000, "x", List.of()),
                        new TranscriptLine("4", "ann", "Ann", 10_000, 11_000, "x", List.of()));
        List<SpeakingIntervals.Lane> lanes = SpeakingIntervals.of(lines, 1_500);
        assertThat(lanes).extracting(SpeakingIntervals.Lane::speaker).containsExactly("Ann", "Bo");
        assertThat(lanes.get(0).intervals())
                .containsExactly(
                        new SpeakingIntervals.Interval(0, 5_000),
                        new SpeakingIntervals.Interval(10_000, 11_000));
    }
}
