package io.aircheck.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.config.S3Settings;
import io.aircheck.infra.embedded.EmbeddedS3;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.ObjectStoreException.Kind;
import io.aircheck.storage.StoredObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link S3ObjectStore} against the embedded S3 server (S3Proxy). */
class S3ObjectStoreITCase {
    private static EmbeddedS3 s3;
    private static S3Settings settings;
    private static S3ObjectStore store;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void connect() {
        s3 = SharedTestServers.s3();
        settings =
                new S3Settings(
                        s3.endpoint(),
                        s3.accessKey(),
                        s3.secretKey(),
                        "storage-it-" + UUID.randomUUID().toString().substring(0, 8),
                        "us-east-1");
        store = S3ObjectStore.connect(settings);
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    @Test
    void connectingAgainToAnExistingBucketWorks() {
        try (S3ObjectStore again = S3ObjectStore.connect(settings)) {
            assertThat(again.bucket()).isEqualTo(settings.bucket());
        }
    }

    @Test
    void putStatGetDelete() {
        String key = "rooms/r1/s1/events.ndjson";
        byte[] content = "{\"type\":\"RoomOpened\"}\n".getBytes();
        StoredObject stored = store.put(key, content, "application/x-ndjson");
        assertThat(stored.bucket()).isEqualTo(settings.bucket());
        assertThat(stored.sizeBytes()).isEqualTo(content.length);
        assertThat(stored.sha256()).isEqualTo(sha256(content));
        assertThat(stored.etag()).isNotBlank().doesNotContain("\"");

        ObjectInfo info = store.stat(key).orElseThrow();
        assertThat(info.sizeBytes()).isEqualTo(content.length);
        assertThat(info.contentType()).isEqualTo("application/x-ndjson");
        assertThat(info.etag()).isEqualTo(stored.etag());
        assertThat(info.lastModified()).isNotNull();
        assertThat(store.get(key)).isEqualTo(content);

        store.delete(key);
        assertThat(store.stat(key)).isEmpty();
        assertThatThrownBy(() -> store.get(key))
                .isInstanceOf(ObjectStoreException.class)
                .satisfies(e -> assertThat(((ObjectStoreException) e).notFound()).isTrue())
                .hasMessageContaining(key);
        store.delete(key); // deleting a missing object is not an error
    }

    @Test
    void putOverwritesTheSameKey() {
        String key = "rooms/r1/s1/manifest.json";
        store.put(key, "one".getBytes(), "application/json");
        store.put(key, "two".getBytes(), "application/json");
        assertThat(store.get(key)).isEqualTo("two".getBytes());
    }

    @Test
    void listReturnsKeysUnderThePrefixInKeyOrder() {
        store.put("rooms/list/s1/tracks/b.opus", new byte[] {1}, "audio/ogg");
        store.put("rooms/list/s1/tracks/a.opus", new byte[] {1, 2}, "audio/ogg");
        store.put("rooms/list/s1/mix/room.opus", new byte[] {1, 2, 3}, "audio/ogg");
        store.put("rooms/listing-other/x", new byte[] {1}, null);
        List<ObjectInfo> listed = store.list("rooms/list/");
        assertThat(listed)
                .extracting(ObjectInfo::key)
                .containsExactly(
                        "rooms/list/s1/mix/room.opus",
                        "rooms/list/s1/tracks/a.opus",
                        "rooms/list/s1/tracks/b.opus");
        assertThat(listed).extracting(ObjectInfo::sizeBytes).containsExactly(3L, 2L, 1L);
        assertThat(store.list("rooms/nothing-here/")).isEmpty();
    }

    @Test
    void rangedReadsReturnExactlyThoseBytes() throws Exception {
        byte[] content = random(1024 * 1024, 1);
        String key = "rooms/range/s1/mix/room.opus";
        store.put(key, content, "audio/ogg");
        try (InputStream in = store.open(key, 100, 100)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 100, 200));
        }
        try (InputStream in = store.open(key, content.length - 6, -1)) {
            assertThat(in.readAllBytes())
                    .isEqualTo(Arrays.copyOfRange(content, content.length - 6, content.length));
        }
        try (InputStream in = store.open(key, 0, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThatThrownBy(() -> store.open("rooms/range/s1/missing", 0, 10))
                .isInstanceOf(ObjectStoreException.class)
                .satisfies(e -> assertThat(((ObjectStoreException) e).notFound()).isTrue());
    }

    @Test
    void presignedUrlServesTheObjectWithoutCredentials() throws Exception {
        byte[] content = random(4096, 2);
        String key = "rooms/presign/s1/mix/room.m4a";
        store.put(key, content, "audio/mp4");
        URI url = store.presignGet(key, Duration.ofMinutes(5));
        assertThat(url.getQuery()).contains("X-Amz-Expires=300");
        HttpResponse<byte[]> response =
                HTTP.send(
                        HttpRequest.newBuilder(url).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
    }

    @Test
    void expiredPresignedUrlIsRefused() throws Exception {
        String key = "rooms/presign/s1/expiring";
        store.put(key, new byte[] {1, 2, 3}, null);
        URI url = store.presignGet(key, Duration.ofSeconds(1));
        Thread.sleep(2_500);
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(url).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void largeFileGoesUpInPartsAndRoundTrips(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("room.flac");
        var expected = Sha256.digest();
        Random random = new Random(3);
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 20; i++) {
                random.nextBytes(block);
                expected.update(block);
                out.write(block);
            }
        }
        String expectedHex = HexFormat.of().formatHex(expected.digest());
        assertThat(Files.size(file)).isGreaterThan(2 * S3ObjectStore.PART_SIZE);

        String key = "rooms/large/s1/mix/work/chunk-000000.flac";
        StoredObject stored = store.put(key, file, "audio/flac");
        assertThat(stored.sha256()).isEqualTo(expectedHex);
        assertThat(stored.sizeBytes()).isEqualTo(20L * 1024 * 1024);
        // a multipart upload's etag is "<md5 of the part md5s>-<part count>"
        assertThat(stored.etag()).endsWith("-3");
        assertThat(store.stat(key).orElseThrow().sizeBytes()).isEqualTo(20L * 1024 * 1024);

        try (DigestInputStream in =
                new DigestInputStream(store.open(key, 0, -1), Sha256.digest())) {
            in.transferTo(OutputStream.nullOutputStream());
            assertThat(HexFormat.of().formatHex(in.getMessageDigest().digest()))
                    .isEqualTo(expectedHex);
        }
    }

    @Test
    void wrongSecretIsPermanentAndNamesTheKeyVariables() {
        S3Settings wrong =
                new S3Settings(
                        s3.endpoint(),
                        s3.accessKey(),
                        "not-the-secret",
                        settings.bucket(),
                        "us-east-1");
        assertThatThrownBy(() -> S3ObjectStore.connect(wrong))
                .isInstanceOf(ObjectStoreException.class)
                .satisfies(
                        e ->
                                assertThat(((ObjectStoreException) e).kind())
                                        .isEqualTo(Kind.PERMANENT))
                .hasMessageContaining("S3 rejected access key '" + s3.accessKey() + "'")
                .hasMessageContaining("(AIRCHECK_S3_ACCESS_KEY/AIRCHECK_S3_SECRET_KEY)")
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void unknownAccessKeyIsPermanentAndNamesTheKeyVariables() {
        S3Settings wrong =
                new S3Settings(
                        s3.endpoint(), "nobody", s3.secretKey(), settings.bucket(), "us-east-1");
        assertThatThrownBy(() -> S3ObjectStore.connect(wrong))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("S3 rejected access key 'nobody'")
                .hasMessageContaining("AIRCHECK_S3_ACCESS_KEY");
    }

    @Test
    void unreachableEndpointFailsFast() throws Exception {
        S3Settings nowhere =
                new S3Settings(
                        URI.create("http://127.0.0.1:9"),
                        s3.accessKey(),
                        s3.secretKey(),
                        settings.bucket(),
                        "us-east-1");
        long start = System.nanoTime();
        assertThatThrownBy(() -> S3ObjectStore.connect(nowhere))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageStartingWith(
                        "cannot reach S3 at http://127.0.0.1:9 (AIRCHECK_S3_ENDPOINT): ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void closeStopsTheHttpClientThreads() {
        S3ObjectStore closing = S3ObjectStore.connect(settings);
        closing.put("rooms/close/s1/x", new byte[] {1}, null);
        closing.close();
        assertThat(closing.connection().isClosed()).isTrue();
        closing.close(); // idempotent
    }
}
