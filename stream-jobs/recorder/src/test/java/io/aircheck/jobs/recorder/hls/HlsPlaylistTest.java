package io.aircheck.jobs.recorder.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HlsPlaylistTest {
    private static final long T0 = 1_764_000_000_123_456L;

    private static HlsPlaylist playlist(int segments) {
        List<HlsPlaylist.Segment> list = new java.util.ArrayList<>();
        for (int i = 0; i < segments; i++) {
            list.add(
                    new HlsPlaylist.Segment(
                            String.format("seg-%06d.m4s", i), i == 0 ? 189_440 : 192_512, 48_000));
        }
        return new HlsPlaylist("init.mp4", T0, list);
    }

    @Test
    void aLivePlaylistKeepsEverySegmentFromTheStartAndStaysOpen() {
        String live = playlist(3).render(HlsPlaylist.Type.LIVE);
        assertThat(live)
                .startsWith(
                        "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n"
                                + "#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init.mp4\"\n"
                                + "#EXT-X-PROGRAM-DATE-TIME:2025-11-24T16:00:00.123Z\n")
                .contains("#EXTINF:3.946667,\nseg-000000.m4s\n#EXTINF:4.010667,\nseg-000001.m4s\n")
                .endsWith("seg-000002.m4s\n")
                .doesNotContain("ENDLIST");
        assertThat(HlsPlaylist.segmentCount(live)).isEqualTo(3);
        assertThat(HlsPlaylist.isEnded(live)).isFalse();
        // growing: the longer playlist begins with the shorter one's segments
        String later = playlist(4).render(HlsPlaylist.Type.LIVE);
        assertThat(later).startsWith(live.substring(0, live.indexOf("seg-000002.m4s")));
    }

    @Test
    void atTheEndItClosesAndTheVodPlaylistListsTheSame() {
        String ended = playlist(3).render(HlsPlaylist.Type.ENDED);
        String vod = playlist(3).render(HlsPlaylist.Type.VOD);
        assertThat(ended)
                .contains("#EXT-X-PLAYLIST-TYPE:EVENT")
                .endsWith("seg-000002.m4s\n#EXT-X-ENDLIST\n");
        assertThat(vod).contains("#EXT-X-PLAYLIST-TYPE:VOD").endsWith("#EXT-X-ENDLIST\n");
        assertThat(HlsPlaylist.isEnded(vod)).isTrue();
        assertThat(vod.replace("VOD", "EVENT")).isEqualTo(ended);
    }

    @Test
    void theTargetDurationIsTheLongestSegmentRoundedUp() {
        assertThat(playlist(2).targetDuration()).isEqualTo(4); // 4.010667 s rounds to 4
        HlsPlaylist exact =
                new HlsPlaylist(
                        "init.mp4", T0, List.of(new HlsPlaylist.Segment("a.m4s", 120_000, 48_000)));
        assertThat(exact.targetDuration()).isEqualTo(3); // 2.5 s
        assertThat(new HlsPlaylist("init.mp4", T0, List.of()).render(HlsPlaylist.Type.LIVE))
                .contains("#EXT-X-TARGETDURATION:1");
    }
}
