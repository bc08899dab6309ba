package io.aircheck.api.audit;

import io.aircheck.api.ApiConfig;
import io.aircheck.api.SearchApi;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AuditEvent;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.VersionedRoom;
import io.aircheck.storage.audit.AuditRecord;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.ElasticsearchRoomCatalog;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.Indexes;
import io.aircheck.storage.s3.S3ObjectStore;
import io.aircheck.storage.signing.SigningKeyFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A search-api for the auditors' tests: on the shared embedded Kafka broker, S3 server and
 * Elasticsearch node, with a key per role (two auditors), a signing key, and what the tests need to
 * seed it and read its audit trail back from {@code archive.audit}.
 */
public final class ArchiveApi implements AutoCloseable {
    public static final String LISTENER = "arch-listener-secret-0123";
    public static final String RESEARCHER = "arch-researcher-secret-0123";
    public static final String AUDITOR = "arch-auditor-secret-0123";
    public static final String AUDITOR2 = "arch-auditor2-secret-0123";
    public static final String ADMIN = "arch-admin-secret-0123";

    private final SearchApi api;
    private final ApiConfig config;
    private final S3ObjectStore store;
    private final Path keyFile;
    private final HttpClient http = HttpClient.newHttpClient();

    private ArchiveApi(ApiConfig config, Path keyFile) {
        this.config = config;
        this.keyFile = keyFile;
        this.api = SearchApi.start(config);
        this.store = S3ObjectStore.connect(config.s3());
    }

    /** An API on its own bucket; {@code keyDir} null = no signing key. */
    public static ArchiveApi start(String bucketPrefix, Path keyDir) {
        SharedTestServers.kafka().createTopics(Topics.all(), 2);
        Path keyFile = null;
        if (keyDir != null) {
            keyFile = keyDir.resolve("signing.key");
            if (!Files.exists(keyFile)) {
                SigningKeyFile.generate(keyFile);
            }
        }
        Map<String, String> env = new HashMap<>();
        env.put("AIRCHECK_API_PORT", "0");
        env.put(
                "AIRCHECK_API_KEYS",
                String.join(
                        ",",
                        "lina:listener:" + LISTENER,
                        "rex:researcher:" + RESEARCHER,
                        "ada:auditor:" + AUDITOR,
                        "abe:auditor:" + AUDITOR2,
                        "max:admin:" + ADMIN));
        env.put("AIRCHECK_API_ANONYMOUS", "true");
        env.put("AIRCHECK_API_TOKEN_SECRET", "token-secret-0123456789-0123456789-abcdef");
        env.put("AIRCHECK_KAFKA_BOOTSTRAP", SharedTestServers.kafka().bootstrapServers());
        env.put("AIRCHECK_S3_ENDPOINT", SharedTestServers.s3().endpoint().toString());
        env.put("AIRCHECK_S3_ACCESS_KEY", SharedTestServers.S3_ACCESS_KEY);
        env.put("AIRCHECK_S3_SECRET_KEY", SharedTestServers.S3_SECRET_KEY);
        env.put(
                "AIRCHECK_S3_BUCKET",
                bucketPrefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        env.put("AIRCHECK_ES_URL", SharedTestServers.elasticsearch().url().toString());
        if (keyFile != null) {
            env.put("AIRCHECK_SIGNING_KEY_FILE", keyFile.toString());
        }
        return new ArchiveApi(ApiConfig.fromEnv(env), keyFile);
    }

    public String base() {
        return "http://127.0.0.1:" + api.port();
    }

    /** The {@code service} field of this instance's audit events. */
    public String service() {
        return "search-api@127.0.0.1:" + api.port();
    }

    public S3ObjectStore store() {
        return store;
    }

    public ApiConfig config() {
        return config;
    }

    public Path publicKey() {
        return SigningKeyFile.publicFile(keyFile);
    }

    public Path keyFile() {
        return keyFile;
    }

    /** The env a command run against this API's servers reads. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AIRCHECK_KAFKA_BOOTSTRAP", config.audit().kafka().bootstrapServers());
        env.put("AIRCHECK_S3_ENDPOINT", config.s3().endpoint().toString());
        env.put("AIRCHECK_S3_ACCESS_KEY", config.s3().accessKey());
        env.put("AIRCHECK_S3_SECRET_KEY", config.s3().secretKey());
        env.put("AIRCHECK_S3_BUCKET", config.s3().bucket());
        return env;
    }

    public void rooms(RoomDocument... rooms) {
        var es = ElasticsearchClients.connect(config.elasticsearch());
        try {
            Indexes.ALL.forEach(index -> IndexBootstrap.ensure(es, index));
            ElasticsearchRoomCatalog catalog = new ElasticsearchRoomCatalog(es);
            catalog.upsertAll(
                    java.util.Arrays.stream(rooms).map(r -> new VersionedRoom(r, 1)).toList());
            catalog.refresh();
        } finally {
            try {
                es._transport().close();
            } catch (java.io.IOException e) {
                // closing
            }
        }
    }

    public HttpResponse<String> call(
            String method, String path, String key, String body, String... headers)
            throws Exception {
        HttpRequest.Builder r =
                HttpRequest.newBuilder(URI.create(base() + path))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<byte[]> bytes(String path, String key, String... headers) throws Exception {
        HttpRequest.Builder r =
                HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Authorization", "Bearer " + key);
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A decoded {@code archive.audit} record at its log position. */
    public record Logged(int partition, long offset, String key, AuditRecord record) {}

    /**
     * Every {@code archive.audit} record from the start (any service's), until {@code until} holds
     * for this instance's events, or a minute passes.
     */
    public List<Logged> auditLog(Predicate<List<AuditRecord>> until) {
        return read(until, true);
    }

    /** Like {@link #auditLog}, with {@code until} tested on every service's events. */
    public List<Logged> auditLogOfAll(Predicate<List<AuditRecord>> until) {
        return read(until, false);
    }

    private List<Logged> read(Predicate<List<AuditRecord>> until, boolean onlyMine) {
        Properties p = new Properties();
        p.put("bootstrap.servers", SharedTestServers.kafka().bootstrapServers());
        p.put("group.id", "audit-it-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        List<Logged> all = new ArrayList<>();
        List<AuditRecord> mine = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ARCHIVE_AUDIT));
            do {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    try {
                        AuditRecord record = AuditRecord.of(AuditEvent.parseFrom(r.value()));
                        all.add(
                                new Logged(
                                        r.partition(),
                                        r.offset(),
                                        new String(r.key(), StandardCharsets.UTF_8),
                                        record));
                        if (!onlyMine || record.service().equals(service())) {
                            mine.add(record);
                        }
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new IllegalStateException(
                                "archive.audit holds a record that is not an AuditEvent", e);
                    }
                }
            } while (!until.test(mine) && System.nanoTime() < deadline);
            // and whatever else is already there
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                try {
                    all.add(
                            new Logged(
                                    r.partition(),
                                    r.offset(),
                                    new String(r.key(), StandardCharsets.UTF_8),
                                    AuditRecord.of(AuditEvent.parseFrom(r.value()))));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return all;
    }

    /** This instance's events among {@code logged}. */
    public List<AuditRecord> mine(List<Logged> logged) {
        return logged.stream()
                .map(Logged::record)
                .filter(r -> r.service().equals(service()))
                .toList();
    }

    @Override
    public void close() {
        api.close();
        store.close();
    }
}
