package io.aircheck.api.http;

import static io.aircheck.api.testing.Fixtures.room;
import static io.aircheck.api.testing.Fixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.api.access.Role;
import io.aircheck.api.access.SignedTokens;
import io.aircheck.api.testing.ApiUnderTest;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint, called by every kind of caller: anonymous (allowed or not), each role, and a bad
 * key. Denied answers are 401 (no or bad credential) or 403 (too small a role), in the one error
 * shape.
 */
class RoleMatrixITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-05-05T12:00:00Z");
    private static final String S = "/api/rooms/matrix/sessions/s1";
    private static ApiUnderTest open;
    private static ApiUnderTest closed;

    /** Endpoint name → request path (GET), in the order of the table below. */
    private static final Map<String, String> ENDPOINTS = new LinkedHashMap<>();

    static {
        ENDPOINTS.put("rooms", "/api/rooms?room=matrix");
        ENDPOINTS.put("room", S);
        ENDPOINTS.put("playlist", S + "/hls/playlist.m3u8");
        ENDPOINTS.put("segment", S + "/hls/seg-000000.m4s");
        ENDPOINTS.put("opus", S + "/recording.opus");
        ENDPOINTS.put("m4a", S + "/recording.m4a");
        ENDPOINTS.put("segments", S + "/segments");
        ENDPOINTS.put("vtt", S + "/transcript.vtt");
        ENDPOINTS.put("json", S + "/transcript.json");
        ENDPOINTS.put("timeline", S + "/timeline.json");
        ENDPOINTS.put("search", "/api/search?q=matrixword");
        ENDPOINTS.put("export", "/api/export?q=matrixword");
        ENDPOINTS.put("me", "/api/me");
        ENDPOINTS.put("tokens", "POST /api/admin/tokens");
        ENDPOINTS.put("openapi", "/openapi.json");
    }

    //                              rooms room pl  seg opus m4a segs vtt json tl search export me
    // tokens openapi
    private static final int[] ANONYMOUS = {
        200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200, 401, 200
    };
    private static final int[] NO_ANONYMOUS = {
        401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 200
    };
    private static final int[] LISTENER = {
        200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 403, 200
    };
    private static final int[] RESEARCHER = {
        200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200
    };
    private static final int[] AUDITOR = {
        200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200
    };
    private static final int[] ADMIN = {
        200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201, 200
    };
    private static final int[] BAD_KEY = {
        401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 200
    };

    @BeforeAll
    static void seed() throws Exception {
        open = ApiUnderTest.start("matrix-it", true);
        closed = ApiUnderTest.start("matrix-it", false);
        RoomDocument matrix =
                room("matrix", "s1", "Matrix", "PUBLIC", T0, 10_000, false, "alice", "Alice");
        RoomDocument hidden =
                room("hidden", "s1", "Hidden", "PRIVATE", T0, 10_000, false, "alice", "Alice");
        RoomDocument unlisted =
                room("byline", "s1", "By link", "UNLISTED", T0, 10_000, false, "alice", "Alice");
        open.rooms(matrix, hidden, unlisted);
        open.segments(
                List.of(
                        segment(
                                matrix,
                                "rm-1",
                                "alice",
                                "Alice",
                                0,
                                2_000,
                                "matrixword spoken here",
                                true)));
        byte[] bytes = "0123456789".getBytes(StandardCharsets.UTF_8);
        for (RoomDocument r : List.of(matrix, hidden)) {
            var store = open.store();
            store.put(
                    ObjectKeys.vodPlaylist(r.roomId(), "s1"),
                    "#EXTM3U\n#EXTINF:4,\nseg-000000.m4s\n#EXT-X-ENDLIST\n"
                            .getBytes(StandardCharsets.UTF_8),
                    "application/vnd.apple.mpegurl");
            store.put(ObjectKeys.hlsSegment(r.roomId(), "s1", 0), bytes, "video/iso.segment");
            store.put(
                    ObjectKeys.mixMaster(r.roomId(), "s1", MasterFormat.OPUS), bytes, "audio/ogg");
            store.put(ObjectKeys.mixMaster(r.roomId(), "s1", MasterFormat.M4A), bytes, "audio/mp4");
        }
    }

    @AfterAll
    static void stop() {
        open.close();
        closed.close();
    }

    private static HttpResponse<String> call(ApiUnderTest api, String endpoint, String key)
            throws Exception {
        String[] headers = ApiUnderTest.as(key);
        if (endpoint.startsWith("POST ")) {
            String[] withType = new String[headers.length + 2];
            System.arraycopy(headers, 0, withType, 0, headers.length);
            withType[headers.length] = "Content-Type";
            withType[headers.length + 1] = "application/json";
            return api.send(
                    "POST",
                    endpoint.substring(5),
                    "{\"name\":\"robin\",\"role\":\"researcher\",\"ttl\":\"1h\"}",
                    withType);
        }
        return api.get(endpoint, headers);
    }

    private static void check(ApiUnderTest api, String who, String key, int[] expected)
            throws Exception {
        List<String> wrong = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> e : ENDPOINTS.entrySet()) {
            HttpResponse<String> response = call(api, e.getValue(), key);
            if (response.statusCode() != expected[i]) {
                wrong.add(
                        e.getKey()
                                + ": "
                                + response.statusCode()
                                + " (expected "
                                + expected[i]
                                + ") "
                                + response.body());
            }
            if (response.statusCode() >= 400) {
                JsonNode error = JSON.readTree(response.body());
                assertThat(error.path("error").asText())
                        .as(
                                who
                                        + " "
                                        + e.getKey()
                                        + " "
                                        + response.statusCode()
                                        + " "
                                        + response.headers().map())
                        .isNotEmpty();
                assertThat(error.path("message").asText()).as(who + " " + e.getKey()).isNotEmpty();
                assertThat(response.body()).doesNotContain("Exception");
            }
            i++;
        }
        assertThat(wrong).as(who).isEmpty();
    }

    @Test
    void anonymousCallersWhenTheOperatorAllowsThem() throws Exception {
        check(open, "anonymous", null, ANONYMOUS);
        HttpResponse<String> export = open.get("/api/export?q=matrixword");
        assertThat(export.body())
                .contains("\"error\":\"unauthorized\"", "researcher or auditor or admin");
    }

    @Test
    void anonymousCallersWhenTheOperatorDoesNot() throws Exception {
        check(closed, "anonymous (off)", null, NO_ANONYMOUS);
    }

    @Test
    void listeners() throws Exception {
        check(open, "listener", ApiUnderTest.LISTENER_KEY, LISTENER);
        assertThat(open.get("/api/export?q=x", ApiUnderTest.as(ApiUnderTest.LISTENER_KEY)).body())
                .contains("\"error\":\"forbidden\"", "the key 'lena' has the role listener");
    }

    @Test
    void researchers() throws Exception {
        check(open, "researcher", ApiUnderTest.RESEARCHER_KEY, RESEARCHER);
    }

    @Test
    void auditors() throws Exception {
        check(open, "auditor", ApiUnderTest.AUDITOR_KEY, AUDITOR);
    }

    @Test
    void admins() throws Exception {
        check(open, "admin", ApiUnderTest.ADMIN_KEY, ADMIN);
    }

    @Test
    void badKeys() throws Exception {
        check(open, "bad key", "not-a-key-at-all-0000", BAD_KEY);
        check(closed, "bad key (anonymous off)", "not-a-key-at-all-0000", BAD_KEY);
    }

    @Test
    void privateRoomsExistOnlyForAuditorsAndAdminsAndUnlistedOnesByLink() throws Exception {
        for (String path :
                List.of(
                        "/api/rooms/hidden/sessions/s1",
                        "/api/rooms/hidden/sessions/s1/hls/playlist.m3u8",
                        "/api/rooms/hidden/sessions/s1/recording.opus",
                        "/api/rooms/hidden/sessions/s1/segments")) {
            assertThat(open.get(path).statusCode()).as(path).isEqualTo(404);
            assertThat(open.get(path, ApiUnderTest.as(ApiUnderTest.RESEARCHER_KEY)).statusCode())
                    .as(path)
                    .isEqualTo(404);
            assertThat(open.get(path, ApiUnderTest.as(ApiUnderTest.AUDITOR_KEY)).statusCode())
                    .as(path)
                    .isEqualTo(200);
            assertThat(open.get(path, ApiUnderTest.as(ApiUnderTest.ADMIN_KEY)).statusCode())
                    .as(path)
                    .isEqualTo(200);
        }
        assertThat(open.get("/api/rooms").body()).doesNotContain("\"byline\"", "\"hidden\"");
        assertThat(open.get("/api/rooms", ApiUnderTest.as(ApiUnderTest.RESEARCHER_KEY)).body())
                .contains("\"byline\"")
                .doesNotContain("\"hidden\"");
        assertThat(open.get("/api/rooms/byline/sessions/s1").statusCode()).isEqualTo(200);
    }

    @Test
    void adminsIssueTokensThatWorkUntilTheyExpire() throws Exception {
        HttpResponse<String> issued = call(open, "POST /api/admin/tokens", ApiUnderTest.ADMIN_KEY);
        JsonNode body = JSON.readTree(issued.body());
        String token = body.path("token").asText();
        assertThat(body.path("role").asText()).isEqualTo("researcher");
        JsonNode me = JSON.readTree(open.get("/api/me", ApiUnderTest.as(token)).body());
        assertThat(me.path("name").asText()).isEqualTo("robin");
        assertThat(me.path("role").asText()).isEqualTo("researcher");
        // the same secret on another instance accepts it too (no shared state but the secret)
        assertThat(closed.get("/api/export?q=matrixword", ApiUnderTest.as(token)).statusCode())
                .isEqualTo(200);
        // the token also rides in the query, for media elements
        assertThat(closed.get(S + "/recording.opus?access_token=" + token).statusCode())
                .isEqualTo(200);

        String tampered =
                token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(open.get("/api/me", ApiUnderTest.as(tampered)).statusCode()).isEqualTo(401);
        SignedTokens past =
                new SignedTokens(
                        ApiUnderTest.TOKEN_SECRET,
                        Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC));
        String expired = past.issue("old", Role.ADMIN, Duration.ofDays(1)).token();
        HttpResponse<String> refused = open.get("/api/me", ApiUnderTest.as(expired));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("expired");

        HttpResponse<String> badRole =
                open.send(
                        "POST",
                        "/api/admin/tokens",
                        "{\"name\":\"x\",\"role\":\"king\"}",
                        "Authorization",
                        "Bearer " + ApiUnderTest.ADMIN_KEY);
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.body()).contains("role must be listener, researcher, auditor or admin");
        HttpResponse<String> notJson =
                open.send(
                        "POST",
                        "/api/admin/tokens",
                        "name=x",
                        "Authorization",
                        "Bearer " + ApiUnderTest.ADMIN_KEY);
        assertThat(notJson.statusCode()).isEqualTo(400);
        HttpResponse<String> tooLong =
                open.send(
                        "POST",
                        "/api/admin/tokens",
                        "{\"name\":\"x\",\"role\":\"admin\",\"ttl\":\"999d\"}",
                        "Authorization",
                        "Bearer " + ApiUnderTest.ADMIN_KEY);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("lifetime");
    }

    @Test
    void theOpenApiDescriptionNamesEveryEndpoint() throws Exception {
        JsonNode spec = JSON.readTree(open.get("/openapi.json").body());
        assertThat(spec.path("openapi").asText()).startsWith("3.");
        for (String path :
                List.of(
                        "/api/search",
                        "/api/export",
                        "/api/rooms",
                        "/api/rooms/{roomId}/sessions/{sessionId}",
                        "/api/rooms/{roomId}/sessions/{sessionId}/hls/playlist.m3u8",
                        "/api/rooms/{roomId}/sessions/{sessionId}/hls/{file}",
                        "/api/rooms/{roomId}/sessions/{sessionId}/recording.opus",
                        "/api/rooms/{roomId}/sessions/{sessionId}/recording.m4a",
                        "/api/rooms/{roomId}/sessions/{sessionId}/segments",
                        "/api/rooms/{roomId}/sessions/{sessionId}/transcript.vtt",
                        "/api/rooms/{roomId}/sessions/{sessionId}/transcript.json",
                        "/api/rooms/{roomId}/sessions/{sessionId}/timeline.json",
                        "/api/me",
                        "/api/admin/tokens")) {
            assertThat(spec.path("paths").has(path)).as(path).isTrue();
        }
    }
}
