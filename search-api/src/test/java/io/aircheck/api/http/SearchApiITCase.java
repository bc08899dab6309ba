package io.aircheck.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.api.ApiConfig;
import io.aircheck.api.SearchApi;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.VersionedRoom;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.ElasticsearchRoomCatalog;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.Indexes;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.s3.S3ObjectStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** search-api over HTTP, with the real S3 server and Elasticsearch node behind it. */
class SearchApiITCase {
    private static final String AUDITOR_KEY = "auditor-secret-0123456789";
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final byte[] RECORDING = new byte[300_000];

    private static SearchApi api;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Map<String, String> env =
                Map.of(
                        "AIRCHECK_API_PORT",
                        "0",
                        "AIRCHECK_API_KEYS",
                        "ann:auditor:" + AUDITOR_KEY,
                        "AIRCHECK_S3_ENDPOINT",
                        SharedTestServers.s3().endpoint().toString(),
                        "AIRCHECK_S3_ACCESS_KEY",
                        SharedTestServers.S3_ACCESS_KEY,
                        "AIRCHECK_S3_SECRET_KEY",
                        SharedTestServers.S3_SECRET_KEY,
                        "AIRCHECK_S3_BUCKET",
                        "api-it",
                        "AIRCHECK_ES_URL",
                        SharedTestServers.elasticsearch().url().toString(),
                        "AIRCHECK_KAFKA_BOOTSTRAP",
                        SharedTestServers.kafka().bootstrapServers());
        ApiConfig config = ApiConfig.fromEnv(env);
        api = SearchApi.start(config);
        base = "http://127.0.0.1:" + api.port();

        var es = ElasticsearchClients.connect(config.elasticsearch());
        IndexBootstrap.ensure(es, Indexes.ROOMS);
        ElasticsearchRoomCatalog catalog = new ElasticsearchRoomCatalog(es);
        catalog.upsertAll(
                List.of(
                        new VersionedRoom(room("town-hall", "s1", "PUBLIC", false), 1),
                        new VersionedRoom(room("board", "s1", "PRIVATE", false), 1),
                        new VersionedRoom(room("live-room", "s1", "PUBLIC", true), 1)));
        catalog.refresh();
        new Random(7).nextBytes(RECORDING);
        try (ObjectStore store = S3ObjectStore.connect(config.s3())) {
            store.put(
                    ObjectKeys.mixMaster("town-hall", "s1", MasterFormat.OPUS),
                    RECORDING,
                    "audio/ogg");
            store.put(
                    ObjectKeys.mixMaster("board", "s1", MasterFormat.OPUS), RECORDING, "audio/ogg");
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static RoomDocument room(
            String roomId, String sessionId, String visibility, boolean live) {
        return new RoomDocument(
                roomId,
                sessionId,
                "Title of " + roomId,
                "host",
                visibility,
                List.of(new RoomDocument.Speaker("alice", "Alice")),
                T0,
                live ? null : T0.plusSeconds(60),
                60_000,
                live,
                12,
                T0);
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anonymousListenersSeePublicRoomsOnly() throws Exception {
        HttpResponse<byte[]> response = get("/api/rooms");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response))
                .contains("\"town-hall\"", "\"live-room\"")
                .doesNotContain("\"board\"");
        assertThat(body(response))
                .contains("\"recording\":\"/api/rooms/town-hall/sessions/s1/recording.opus\"");
        assertThat(get("/api/rooms/board/sessions/s1").statusCode()).isEqualTo(404);
        assertThat(get("/api/rooms/board/sessions/s1/recording.opus").statusCode()).isEqualTo(404);
    }

    @Test
    void auditorsSeeEverything() throws Exception {
        HttpResponse<byte[]> response = get("/api/rooms", "Authorization", "Bearer " + AUDITOR_KEY);
        assertThat(body(response)).contains("\"board\"");
        assertThat(
                        get(
                                        "/api/rooms/board/sessions/s1/recording.opus",
                                        "Authorization",
                                        "Bearer " + AUDITOR_KEY)
                                .statusCode())
                .isEqualTo(200);
    }

    @Test
    void servesTheRecordingWithByteRanges() throws Exception {
        HttpResponse<byte[]> whole = get("/api/rooms/town-hall/sessions/s1/recording.opus");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(whole.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("audio/ogg"));
        assertThat(whole.body()).isEqualTo(RECORDING);

        HttpResponse<byte[]> part =
                get("/api/rooms/town-hall/sessions/s1/recording.opus", "Range", "bytes=1000-1999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 1000-1999/300000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(RECORDING, 1000, 2000));

        HttpResponse<byte[]> tail =
                get("/api/rooms/town-hall/sessions/s1/recording.opus", "Range", "bytes=-10");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(RECORDING, 299_990, 300_000));

        HttpResponse<byte[]> outside =
                get("/api/rooms/town-hall/sessions/s1/recording.opus", "Range", "bytes=400000-");
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).contains("bytes */300000");

        HttpResponse<Void> head =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                base
                                                        + "/api/rooms/town-hall/sessions/s1/recording.opus"))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(300_000);
    }

    @Test
    void aLiveRoomHasNoRecordingYet() throws Exception {
        HttpResponse<byte[]> response = get("/api/rooms/live-room/sessions/s1/recording.opus");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response)).contains("\"error\":\"not_found\"", "is live");
    }

    @Test
    void badRequestsGetOneErrorShapeAndNoStackTrace() throws Exception {
        HttpResponse<byte[]> unknown = get("/api/rooms?colour=red");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(body(unknown))
                .contains("\"error\":\"bad_request\"", "unknown parameter 'colour'");

        assertThat(body(get("/api/rooms?size=1000"))).contains("size must be 1..100");
        assertThat(body(get("/api/rooms?live=maybe"))).contains("must be true or false");
        assertThat(get("/api/rooms/bad..id!/sessions/s1").statusCode()).isIn(400, 404);
        assertThat(get("/api/rooms/nope/sessions/s1").statusCode()).isEqualTo(404);

        HttpResponse<byte[]> badKey = get("/api/rooms", "Authorization", "Bearer not-a-key");
        assertThat(badKey.statusCode()).isEqualTo(401);
        assertThat(body(badKey)).contains("\"error\":\"unauthorized\"").doesNotContain("Exception");

        HttpResponse<byte[]> noRoute = get("/api/nothing-here");
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(body(noRoute)).contains("\"error\":\"not_found\"");
    }

    @Test
    void servesTheReplayPage() throws Exception {
        HttpResponse<byte[]> page = get("/rooms/town-hall/s1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(body(page)).contains("<audio");
        assertThat(get("/").statusCode()).isEqualTo(200);
    }
}
