package io.aircheck.api.http;

import static io.aircheck.api.testing.ApiUnderTest.as;
import static io.aircheck.api.testing.Fixtures.room;
import static io.aircheck.api.testing.Fixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.api.testing.ApiUnderTest;
import io.aircheck.storage.RoomDocument;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/search and GET /api/export over HTTP, on the real Elasticsearch node. */
class SearchEndpointsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static ApiUnderTest api;

    @BeforeAll
    static void seed() throws Exception {
        api = ApiUnderTest.start("search-it", true);
        RoomDocument harbour =
                room(
                        "harbour",
                        "s1",
                        "Harbour forum",
                        "PUBLIC",
                        T0,
                        60_000,
                        false,
                        "alice",
                        "Alice Archer",
                        "bob",
                        "Bob Baker");
        RoomDocument unlisted =
                room(
                        "backwater",
                        "s1",
                        "Backwater",
                        "UNLISTED",
                        T0,
                        60_000,
                        false,
                        "carol",
                        "Carol");
        RoomDocument board =
                room("board", "s1", "Board", "PRIVATE", T0, 60_000, false, "dave", "Dave");
        RoomDocument quay =
                room(
                        "quay",
                        "s2",
                        "Quay live",
                        "PUBLIC",
                        T0.plusSeconds(3600),
                        30_000,
                        true,
                        "erin",
                        "Erin");
        api.rooms(harbour, unlisted, board, quay);
        api.segments(
                List.of(
                        segment(
                                harbour,
                                "se-a1",
                                "alice",
                                "Alice Archer",
                                0,
                                4_000,
                                "welcome everyone to the harbour forum",
                                true),
                        segment(
                                harbour,
                                "se-a2",
                                "bob",
                                "Bob Baker",
                                5_000,
                                4_000,
                                "the tidal barrier was finished in nineteen eighty two",
                                true),
                        segment(
                                harbour,
                                "se-a3",
                                "alice",
                                "Alice Archer",
                                10_000,
                                4_000,
                                "we are measuring salinity in the estuary",
                                true),
                        segment(
                                harbour,
                                "se-a4",
                                "bob",
                                "Bob Baker",
                                15_000,
                                4_000,
                                "my private opinion about the salinity budget",
                                false),
                        segment(
                                harbour,
                                "se-a5",
                                "alice",
                                "Alice Archer",
                                20_000,
                                4_000,
                                "salinity readings improved after the barrier opened",
                                true),
                        segment(
                                harbour,
                                "se-a6",
                                "alice",
                                "Alice Archer",
                                50_000,
                                4_000,
                                "the barrier closed again at dusk",
                                true),
                        segment(
                                unlisted,
                                "se-u1",
                                "carol",
                                "Carol",
                                1_000,
                                3_000,
                                "salinity of unlisted waters",
                                true),
                        segment(
                                board,
                                "se-p1",
                                "dave",
                                "Dave",
                                1_000,
                                3_000,
                                "salinity secrets of the private board",
                                true),
                        segment(
                                quay,
                                "se-l1",
                                "erin",
                                "Erin",
                                2_000,
                                3_000,
                                "live salinity update from the quay",
                                true)));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode search(String query, String... headers) throws Exception {
        HttpResponse<String> response = api.get("/api/search?" + query, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.path("hits").forEach(h -> ids.add(h.path("segmentId").asText()));
        return ids;
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aPhraseFindsTheMomentWithSpeakerTimeHighlightContextAndDeepLink() throws Exception {
        JsonNode results = search("q=" + q("\"tidal barrier\""));
        assertThat(ids(results)).containsExactly("se-a2");
        JsonNode hit = results.path("hits").get(0);
        assertThat(hit.path("speaker").asText()).isEqualTo("Bob Baker");
        assertThat(hit.path("roomTitle").asText()).isEqualTo("Harbour forum");
        assertThat(hit.path("offsetSeconds").asDouble()).isEqualTo(5.0);
        assertThat(hit.path("spokenAt").asText()).isEqualTo("2026-03-02T09:00:05Z");
        assertThat(hit.path("highlight").asText())
                .isEqualTo("the <mark>tidal barrier</mark> was finished in nineteen eighty two");
        assertThat(hit.path("before").get(0).path("text").asText())
                .isEqualTo("welcome everyone to the harbour forum");
        assertThat(hit.path("after").get(0).path("text").asText())
                .isEqualTo("we are measuring salinity in the estuary");
        assertThat(hit.path("link").asText()).isEqualTo("/rooms/harbour/s1?t=5");

        // a phrase is a phrase: the same words apart do not match it
        assertThat(ids(search("q=" + q("\"barrier tidal\"")))).isEmpty();
    }

    @Test
    void contextIsTheNearestSegmentEachSideAcrossSpeakersAndOnlyWhatTheCallerMaySee()
            throws Exception {
        // a listener: Bob's segment before Alice's hit; Bob's withheld segment after it is skipped
        JsonNode listener = search("q=" + q("measuring salinity")).path("hits").get(0);
        assertThat(listener.path("segmentId").asText()).isEqualTo("se-a3");
        assertThat(context(listener.path("before"))).containsExactly("se-a2 Bob Baker 5.0");
        assertThat(context(listener.path("after"))).containsExactly("se-a5 Alice Archer 20.0");
        assertThat(listener.path("after").get(0).path("text").asText())
                .isEqualTo("salinity readings improved after the barrier opened");

        // an auditor sees the withheld segment as context
        JsonNode auditor =
                search("q=" + q("measuring salinity"), as(ApiUnderTest.AUDITOR_KEY))
                        .path("hits")
                        .get(0);
        assertThat(context(auditor.path("after"))).containsExactly("se-a4 Bob Baker 15.0");

        // hits of one session on one page each get their own neighbours, other hits included;
        // the first and last segments of a session have none on one side
        JsonNode page = search("q=salinity&sort=oldest&room=harbour", as(ApiUnderTest.AUDITOR_KEY));
        assertThat(ids(page)).containsExactly("se-a3", "se-a4", "se-a5");
        assertThat(context(page.path("hits").get(1).path("before")))
                .containsExactly("se-a3 Alice Archer 10.0");
        assertThat(context(page.path("hits").get(1).path("after")))
                .containsExactly("se-a5 Alice Archer 20.0");
        assertThat(context(page.path("hits").get(2).path("after"))).isEmpty();
        JsonNode first = search("q=welcome").path("hits").get(0);
        assertThat(context(first.path("before"))).isEmpty();
        assertThat(context(first.path("after"))).containsExactly("se-a2 Bob Baker 5.0");
        // a hit half a minute after the last: no context on that side, even from the other hit
        JsonNode apart = search("q=barrier&room=harbour&sort=oldest");
        assertThat(ids(apart)).containsExactly("se-a2", "se-a5", "se-a6");
        assertThat(context(apart.path("hits").get(1).path("after"))).isEmpty();
        assertThat(context(apart.path("hits").get(2).path("before"))).isEmpty();
        assertThat(context(apart.path("hits").get(0).path("after")))
                .containsExactly("se-a3 Alice Archer 10.0");
        // a hit alone in its session: no context, and no context from other sessions
        JsonNode live = search("q=" + q("quay update")).path("hits").get(0);
        assertThat(live.path("segmentId").asText()).isEqualTo("se-l1");
        assertThat(context(live.path("before"))).isEmpty();
        assertThat(context(live.path("after"))).isEmpty();
    }

    private static List<String> context(JsonNode lines) {
        List<String> out = new ArrayList<>();
        lines.forEach(
                l ->
                        out.add(
                                l.path("segmentId").asText()
                                        + " "
                                        + l.path("speaker").asText()
                                        + " "
                                        + l.path("offsetSeconds").asDouble()));
        return out;
    }

    @Test
    void wordsAreStemmedAndEachRoleSearchesOnlyWhatItMaySee() throws Exception {
        assertThat(ids(search("q=reading"))).containsExactly("se-a5");
        assertThat(ids(search("q=salinity"))).containsExactlyInAnyOrder("se-a3", "se-a5", "se-l1");
        assertThat(ids(search("q=salinity", as(ApiUnderTest.RESEARCHER_KEY))))
                .containsExactlyInAnyOrder("se-a3", "se-a5", "se-l1", "se-u1");
        assertThat(ids(search("q=salinity", as(ApiUnderTest.AUDITOR_KEY))))
                .containsExactlyInAnyOrder("se-a3", "se-a4", "se-a5", "se-l1", "se-u1", "se-p1");
        // a speaker who did not consent is not found, not even as context
        JsonNode around = search("q=" + q("measuring salinity"), as(ApiUnderTest.RESEARCHER_KEY));
        assertThat(around.path("hits").get(0).path("after").get(0).path("segmentId").asText())
                .isEqualTo("se-a5");
        // excluded words
        assertThat(ids(search("q=" + q("salinity -estuary -quay")))).containsExactly("se-a5");
    }

    @Test
    void filtersBySpeakerRoomTimeAndLiveness() throws Exception {
        assertThat(ids(search("q=salinity&speaker=alice")))
                .containsExactlyInAnyOrder("se-a3", "se-a5");
        assertThat(ids(search("q=salinity&speaker=" + q("Erin")))).containsExactly("se-l1");
        assertThat(ids(search("q=salinity&room=quay"))).containsExactly("se-l1");
        assertThat(ids(search("q=salinity&room=harbour&session=s1")))
                .containsExactlyInAnyOrder("se-a3", "se-a5");
        assertThat(ids(search("q=salinity&live=true"))).containsExactly("se-l1");
        assertThat(ids(search("q=salinity&live=false")))
                .containsExactlyInAnyOrder("se-a3", "se-a5");
        assertThat(ids(search("q=salinity&since=2026-03-02T09:00:12Z&until=2026-03-02T09:30:00Z")))
                .containsExactly("se-a5");
        assertThat(ids(search("q=salinity&since=2026-03-03"))).isEmpty();
        JsonNode live = search("q=salinity&live=true");
        assertThat(live.path("hits").get(0).path("live").asBoolean()).isTrue();
    }

    @Test
    void sortsByTimeAndPages() throws Exception {
        assertThat(ids(search("q=salinity&sort=oldest")))
                .containsExactly("se-a3", "se-a5", "se-l1");
        assertThat(ids(search("q=salinity&sort=newest")))
                .containsExactly("se-l1", "se-a5", "se-a3");
        JsonNode second = search("q=salinity&sort=oldest&size=1&page=2");
        assertThat(ids(second)).containsExactly("se-a5");
        assertThat(second.path("total").asLong()).isEqualTo(3);
        assertThat(second.path("totalIsExact").asBoolean()).isTrue();
        assertThat(ids(search("q=salinity&sort=oldest&size=1&page=4"))).isEmpty();
        // filters alone browse the newest segments
        assertThat(ids(search("room=harbour&size=2"))).containsExactly("se-a6", "se-a5");
    }

    @Test
    void badSearchesSayWhatToFix() throws Exception {
        assertBad("q=" + q("\"tidal barrier"), "never closed");
        assertBad("q=salinity&page=0", "page must be 1 or more");
        assertBad("q=salinity&page=200&size=100", "past the first 10000");
        assertBad("q=salinity&size=101", "size must be 1..100");
        assertBad("q=salinity&sort=loudest", "sort must be relevance, newest or oldest");
        assertBad("q=salinity&since=yesterday", "must be a date");
        assertBad("q=salinity&live=maybe", "must be true or false");
        assertBad("q=salinity&colour=red", "unknown parameter 'colour'");
        assertBad("q=-salinity", "only excludes words");
        assertBad("q=salinity&room=" + q("no/such"), "not a valid id");
        assertBad("q=salinity&since=2026-03-05&until=2026-03-01", "must be before until");
    }

    private static void assertBad(String query, String message) throws Exception {
        HttpResponse<String> response = api.get("/api/search?" + query);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("bad_request");
        assertThat(body.path("message").asText()).contains(message);
        assertThat(response.body()).doesNotContain("Exception", "at io.");
    }

    @Test
    void theExportPagesThroughEveryHitAsCsvAndJsonLines() throws Exception {
        List<String> rows = new ArrayList<>();
        String path = "/api/export?q=salinity&format=csv&size=2";
        int pages = 0;
        while (path != null && pages < 10) {
            HttpResponse<String> page = api.get(path, as(ApiUnderTest.RESEARCHER_KEY));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            String[] lines = page.body().split("\r\n");
            assertThat(lines[0])
                    .startsWith(
                            "segmentId,roomId,sessionId,roomTitle,participantId,speaker,spokenAt");
            for (int i = 1; i < lines.length; i++) {
                rows.add(lines[i]);
            }
            path =
                    page.headers()
                            .firstValue("Link")
                            .map(l -> l.substring(1, l.indexOf('>')))
                            .orElse(null);
            pages++;
        }
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1))
                .startsWith(
                        "se-a3,harbour,s1,Harbour forum,alice,Alice Archer,2026-03-02T09:00:10Z,10.0,14.0,we are measuring salinity in the estuary,/rooms/harbour/s1?t=10");
        assertThat(rows)
                .anyMatch(r -> r.startsWith("se-u1,"))
                .noneMatch(r -> r.startsWith("se-a4,"));

        HttpResponse<String> jsonl =
                api.get(
                        "/api/export?q=salinity&room=harbour",
                        "Accept",
                        "application/x-ndjson",
                        "Authorization",
                        "Bearer " + ApiUnderTest.AUDITOR_KEY);
        assertThat(jsonl.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (String line : jsonl.body().split("\n")) {
            ids.add(JSON.readTree(line).path("segmentId").asText());
        }
        assertThat(ids).containsExactly("se-a3", "se-a4", "se-a5");
        assertThat(jsonl.headers().firstValue("X-Next-Cursor")).isEmpty();

        HttpResponse<String> badCursor =
                api.get("/api/export?q=salinity&cursor=nonsense", as(ApiUnderTest.RESEARCHER_KEY));
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(badCursor.body()).contains("not one this API handed out");
        assertThat(
                        api.get(
                                        "/api/export?q=salinity&format=xml",
                                        as(ApiUnderTest.RESEARCHER_KEY))
                                .body())
                .contains("format must be csv or jsonl");
    }
}
