package io.aircheck.api.http;

import static io.aircheck.api.testing.ApiUnderTest.as;
import static io.aircheck.api.testing.Fixtures.room;
import static io.aircheck.api.testing.Fixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.api.testing.ApiUnderTest;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Playlists, HLS segments, masters, transcripts and timelines over HTTP, from the real S3 server
 * and index.
 */
class ReplayEndpointsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-04-01T18:00:00Z");
    private static final byte[] SEGMENT = new byte[50_000];
    private static final byte[] M4A = new byte[80_000];
    private static final String VOD =
            "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n"
                    + "#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.000,\nseg-000000.m4s\n#EXTINF:4.000,\n"
                    + "seg-000001.m4s\n#EXT-X-ENDLIST\n";
    private static final String LIVE =
            "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:EVENT\n"
                    + "#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.000,\nseg-000000.m4s\n";
    private static ApiUnderTest api;
    private static final String STUDIO = "/api/rooms/studio/sessions/s1";

    @BeforeAll
    static void seed() throws Exception {
        api = ApiUnderTest.start("replay-it", true);
        RoomDocument studio =
                room(
                        "studio",
                        "s1",
                        "Studio talk",
                        "PUBLIC",
                        T0,
                        30_000,
                        false,
                        "alice",
                        "Alice Archer",
                        "bob",
                        "Bob Baker");
        RoomDocument onair =
                room("onair", "s1", "On air", "PUBLIC", T0, 8_000, true, "alice", "Alice");
        RoomDocument archive =
                room("archived", "s1", "Archived", "PUBLIC", T0, 8_000, false, "alice", "Alice");
        api.rooms(studio, onair, archive);
        api.segments(
                List.of(
                        segment(
                                studio,
                                "rp-1",
                                "alice",
                                "Alice Archer",
                                0,
                                3_000,
                                "good evening and welcome",
                                true),
                        segment(
                                studio,
                                "rp-2",
                                "bob",
                                "Bob Baker",
                                4_000,
                                3_000,
                                "please do not quote me",
                                false),
                        segment(
                                studio,
                                "rp-3",
                                "alice",
                                "Alice Archer",
                                8_000,
                                3_000,
                                "tonight we talk about tides",
                                true),
                        segment(
                                studio,
                                "rp-4",
                                "alice",
                                "Alice Archer",
                                11_500,
                                2_000,
                                "and moons",
                                true),
                        segment(
                                onair,
                                "rp-l1",
                                "alice",
                                "Alice",
                                1_000,
                                2_000,
                                "we are live",
                                true)));
        new Random(3).nextBytes(SEGMENT);
        new Random(4).nextBytes(M4A);
        var store = api.store();
        store.put(
                ObjectKeys.vodPlaylist("studio", "s1"),
                VOD.getBytes(StandardCharsets.UTF_8),
                "application/vnd.apple.mpegurl");
        store.put(
                ObjectKeys.hlsInit("studio", "s1"),
                new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'},
                "audio/mp4");
        store.put(ObjectKeys.hlsSegment("studio", "s1", 0), SEGMENT, "video/iso.segment");
        store.put(ObjectKeys.mixMaster("studio", "s1", MasterFormat.M4A), M4A, "audio/mp4");
        store.put(
                ObjectKeys.transcript("studio", "s1", "vtt"),
                "WEBVTT\n\nstored-cue\n".getBytes(StandardCharsets.UTF_8),
                "text/vtt");
        store.put(
                ObjectKeys.livePlaylist("onair", "s1"),
                LIVE.getBytes(StandardCharsets.UTF_8),
                "application/vnd.apple.mpegurl");
        store.put(
                ObjectKeys.transcript("archived", "s1", "json"),
                "{\"stored\":true}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        store.put(
                ObjectKeys.timeline("archived", "s1"),
                "{\"events\":[]}".getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theRoomLinksEverythingThatPlaysIt() throws Exception {
        JsonNode room = JSON.readTree(api.get(STUDIO).body());
        assertThat(room.path("speakers")).hasSize(2);
        assertThat(room.path("durationMs").asLong()).isEqualTo(30_000);
        assertThat(room.path("listenerPeak").asInt()).isEqualTo(40);
        assertThat(room.path("links").path("playlist").asText())
                .isEqualTo(STUDIO + "/hls/playlist.m3u8");
        assertThat(room.path("links").path("transcriptVtt").asText())
                .isEqualTo(STUDIO + "/transcript.vtt");
        assertThat(room.path("links").path("replay").asText()).isEqualTo("/rooms/studio/s1");
    }

    @Test
    void theVodPlaylistPointsAtTheApiWithTheCallersToken() throws Exception {
        HttpResponse<String> anonymous = api.get(STUDIO + "/hls/playlist.m3u8");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/vnd.apple.mpegurl"));
        assertThat(anonymous.body()).isEqualTo(VOD);

        HttpResponse<String> keyed =
                api.get(STUDIO + "/hls/playlist.m3u8?access_token=" + ApiUnderTest.LISTENER_KEY);
        assertThat(keyed.body())
                .contains(
                        "#EXT-X-MAP:URI=\"init.mp4?access_token="
                                + ApiUnderTest.LISTENER_KEY
                                + "\"")
                .contains("\nseg-000001.m4s?access_token=" + ApiUnderTest.LISTENER_KEY + "\n")
                .endsWith("#EXT-X-ENDLIST\n");
    }

    @Test
    void aLiveRoomPlaysItsGrowingPlaylistFromTheStart() throws Exception {
        HttpResponse<String> live = api.get("/api/rooms/onair/sessions/s1/hls/playlist.m3u8");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(live.body()).contains("seg-000000.m4s").doesNotContain("ENDLIST");
        HttpResponse<String> master = api.get("/api/rooms/onair/sessions/s1/recording.m4a");
        assertThat(master.statusCode()).isEqualTo(404);
        assertThat(master.body()).contains("is live");
    }

    @Test
    void segmentsAndMastersAreServedWithByteRanges() throws Exception {
        HttpResponse<byte[]> whole = api.bytes(STUDIO + "/hls/seg-000000.m4s");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(SEGMENT);
        HttpResponse<byte[]> part =
                api.bytes(STUDIO + "/hls/seg-000000.m4s", "Range", "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 100-199/50000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(SEGMENT, 100, 200));
        assertThat(api.bytes(STUDIO + "/hls/seg-000000.m4s", "Range", "bytes=60000-").statusCode())
                .isEqualTo(416);
        assertThat(api.get(STUDIO + "/hls/seg-000009.m4s").statusCode()).isEqualTo(404);
        HttpResponse<String> sneaky = api.get(STUDIO + "/hls/manifest.json");
        assertThat(sneaky.statusCode()).isEqualTo(400);
        assertThat(sneaky.body()).contains("not an HLS file name");

        HttpResponse<byte[]> m4a =
                api.bytes(STUDIO + "/recording.m4a?download", "Range", "bytes=-16");
        assertThat(m4a.statusCode()).isEqualTo(206);
        assertThat(m4a.body()).isEqualTo(Arrays.copyOfRange(M4A, M4A.length - 16, M4A.length));
        assertThat(m4a.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"studio-s1.m4a\"");
        HttpResponse<String> opus = api.get(STUDIO + "/recording.opus");
        assertThat(opus.statusCode()).isEqualTo(404);
        assertThat(opus.body()).contains("has no Ogg Opus master", "recording.m4a");
    }

    @Test
    void theTranscriptPagesInTimeOrderWithWordsAndWithoutWithheldSpeakers() throws Exception {
        JsonNode first = JSON.readTree(api.get(STUDIO + "/segments?size=2").body());
        assertThat(first.path("segments")).hasSize(2);
        assertThat(first.path("segments").get(0).path("segmentId").asText()).isEqualTo("rp-1");
        assertThat(first.path("segments").get(1).path("segmentId").asText()).isEqualTo("rp-3");
        assertThat(first.path("segments").get(1).path("startMs").asLong()).isEqualTo(8_000);
        assertThat(first.path("segments").get(1).path("words").get(1).path("text").asText())
                .isEqualTo("we");
        assertThat(first.path("segments").get(1).path("words").get(1).path("startMs").asLong())
                .isEqualTo(8_600);
        JsonNode second =
                JSON.readTree(
                        api.get(STUDIO + "/segments?size=2&cursor=" + first.path("next").asText())
                                .body());
        assertThat(second.path("segments")).hasSize(1);
        assertThat(second.path("segments").get(0).path("segmentId").asText()).isEqualTo("rp-4");
        assertThat(second.path("next").isNull()).isTrue();

        JsonNode audited =
                JSON.readTree(api.get(STUDIO + "/segments", as(ApiUnderTest.AUDITOR_KEY)).body());
        assertThat(audited.path("segments")).hasSize(4);
        assertThat(api.get(STUDIO + "/segments?size=0").statusCode()).isEqualTo(400);
    }

    @Test
    void wholeTranscriptsAreTheStoredFilesUnlessTheyHoldWhatTheCallerMayNotSee() throws Exception {
        HttpResponse<String> listener = api.get(STUDIO + "/transcript.vtt");
        assertThat(listener.statusCode()).isEqualTo(200);
        assertThat(listener.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/vtt"));
        assertThat(listener.body())
                .startsWith(
                        "WEBVTT\n\nrp-1\n00:00:00.000 --> 00:00:03.000\n<v Alice Archer>good evening and welcome\n")
                .contains("00:00:08.000 --> 00:00:11.000")
                .doesNotContain("quote me");
        assertThat(api.get(STUDIO + "/transcript.vtt", as(ApiUnderTest.AUDITOR_KEY)).body())
                .isEqualTo("WEBVTT\n\nstored-cue\n");

        JsonNode json = JSON.readTree(api.get(STUDIO + "/transcript.json").body());
        assertThat(json.path("segments")).hasSize(3);
        assertThat(json.path("title").asText()).isEqualTo("Studio talk");
        assertThat(api.get("/api/rooms/archived/sessions/s1/transcript.json").body())
                .isEqualTo("{\"stored\":true}");
        HttpResponse<String> live = api.get("/api/rooms/onair/sessions/s1/transcript.vtt");
        assertThat(live.body()).contains("<v Alice>we are live");
    }

    @Test
    void theTimelineIsTheStoredDocumentOrWhoSpokeWhenFromTheTranscript() throws Exception {
        JsonNode derived = JSON.readTree(api.get(STUDIO + "/timeline.json").body());
        assertThat(derived.path("derivedFrom").asText()).isEqualTo("transcripts");
        JsonNode alice = derived.path("speakers").get(0);
        assertThat(alice.path("participantId").asText()).isEqualTo("alice");
        // 0-3 s, then 8-11 s and 11.5-13.5 s merged (a pause under 1.5 s)
        assertThat(alice.path("intervals").toString())
                .isEqualTo("[{\"startMs\":0,\"endMs\":3000},{\"startMs\":8000,\"endMs\":13500}]");
        assertThat(derived.path("speakers")).hasSize(1); // bob withheld
        assertThat(
                        JSON.readTree(
                                        api.get(
                                                        STUDIO + "/timeline.json",
                                                        as(ApiUnderTest.AUDITOR_KEY))
                                                .body())
                                .path("speakers"))
                .hasSize(2);
        assertThat(api.get("/api/rooms/archived/sessions/s1/timeline.json").body())
                .isEqualTo("{\"events\":[]}");
        assertThat(api.get("/api/rooms/nowhere/sessions/s1/timeline.json").statusCode())
                .isEqualTo(404);
    }
}
