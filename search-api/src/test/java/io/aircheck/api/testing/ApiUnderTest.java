package io.aircheck.api.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import io.aircheck.api.ApiConfig;
import io.aircheck.api.SearchApi;
import io.aircheck.api.search.Segment;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.VersionedRoom;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.ElasticsearchRoomCatalog;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.Indexes;
import io.aircheck.storage.s3.S3ObjectStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A search-api started on the shared embedded S3 server and Elasticsearch node, with what the tests
 * need to seed it (rooms and transcript segments through the project's mappings, objects in the
 * bucket) and to call it over HTTP.
 */
public final class ApiUnderTest implements AutoCloseable {
    public static final String LISTENER_KEY = "listener-secret-0123456789";
    public static final String RESEARCHER_KEY = "researcher-secret-0123456789";
    public static final String AUDITOR_KEY = "auditor-secret-0123456789";
    public static final String ADMIN_KEY = "admin-secret-0123456789";
    public static final String TOKEN_SECRET = "token-secret-0123456789-0123456789-abcdef";

    private final SearchApi api;
    private final ApiConfig config;
    private final String base;
    private final ElasticsearchClient es;
    private final S3ObjectStore store;
    private final HttpClient http = HttpClient.newHttpClient();

    private ApiUnderTest(ApiConfig config) {
        this.config = config;
        this.api = SearchApi.start(config);
        this.base = "http://127.0.0.1:" + api.port();
        this.es = ElasticsearchClients.connect(config.elasticsearch());
        Indexes.ALL.forEach(index -> IndexBootstrap.ensure(es, index));
        this.store = S3ObjectStore.connect(config.s3());
    }

    /** An API on bucket {@code bucket}, with a key per role, tokens on, anonymous as given. */
    public static ApiUnderTest start(String bucket, boolean anonymous) {
        Map<String, String> env = new HashMap<>();
        env.put("AIRCHECK_API_PORT", "0");
        env.put(
                "AIRCHECK_API_KEYS",
                String.join(
                        ",",
                        "lena:listener:" + LISTENER_KEY,
                        "rita:researcher:" + RESEARCHER_KEY,
                        "ann:auditor:" + AUDITOR_KEY,
                        "adam:admin:" + ADMIN_KEY));
        env.put("AIRCHECK_API_ANONYMOUS", Boolean.toString(anonymous));
        env.put("AIRCHECK_API_TOKEN_SECRET", TOKEN_SECRET);
        env.put("AIRCHECK_S3_ENDPOINT", SharedTestServers.s3().endpoint().toString());
        env.put("AIRCHECK_S3_ACCESS_KEY", SharedTestServers.S3_ACCESS_KEY);
        env.put("AIRCHECK_S3_SECRET_KEY", SharedTestServers.S3_SECRET_KEY);
        env.put("AIRCHECK_S3_BUCKET", bucket);
        env.put("AIRCHECK_ES_URL", SharedTestServers.elasticsearch().url().toString());
        env.put("AIRCHECK_KAFKA_BOOTSTRAP", SharedTestServers.kafka().bootstrapServers());
        return new ApiUnderTest(ApiConfig.fromEnv(env));
    }

    public String base() {
        return base;
    }

    public S3ObjectStore store() {
        return store;
    }

    public ElasticsearchClient elasticsearch() {
        return es;
    }

    public ApiConfig config() {
        return config;
    }

    public void rooms(RoomDocument... rooms) {
        ElasticsearchRoomCatalog catalog = new ElasticsearchRoomCatalog(es);
        catalog.upsertAll(
                java.util.Arrays.stream(rooms).map(r -> new VersionedRoom(r, 1)).toList());
        catalog.refresh();
    }

    /** Indexes segments through the transcripts mapping (as the indexer does), then refreshes. */
    public void segments(List<Segment> segments) throws Exception {
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(Indexes.TRANSCRIPTS.alias());
        for (Segment s : segments) {
            bulk.operations(
                    o -> o.index(i -> i.id(s.segmentId()).document(IndexedSegments.source(s))));
        }
        var response =
                es.bulk(bulk.refresh(co.elastic.clients.elasticsearch._types.Refresh.True).build());
        if (response.errors()) {
            throw new IllegalStateException("bulk failed: " + response.items());
        }
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(
                request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<byte[]> bytes(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(
                request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public static String[] as(String key) {
        return key == null ? new String[0] : new String[] {"Authorization", "Bearer " + key};
    }

    @Override
    public void close() {
        api.close();
        store.close();
        try {
            es._transport().close();
        } catch (java.io.IOException e) {
            // closing
        }
    }
}
