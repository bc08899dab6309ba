package io.aircheck.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3ITCase {

    private static final String ACCESS = "it-access";
    private static final String SECRET = "it-secret-key-0123456789";
    private static final String BUCKET = "archive-standard";
    private static final String KEY = "rooms/r1/s1/events.ndjson";
    private static final byte[] CONTENT =
            "{\"type\":\"room_opened\"}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir Path dataDir;

    @Test
    void objectsOnDiskSurviveARestart() throws Exception {
        int port;
        try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir, 0, ACCESS, SECRET);
                MinioClient client = client(s3, SECRET)) {
            port = s3.endpoint().getPort();
            assertThat(s3.endpoint().toString()).isEqualTo("http://127.0.0.1:" + port);
            client.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
            put(client);

            StatObjectResponse stat =
                    client.statObject(StatObjectArgs.builder().bucket(BUCKET).object(KEY).build());
            assertThat(stat.size()).isEqualTo(CONTENT.length);
            assertThat(get(client)).isEqualTo(CONTENT);
        }

        try (EmbeddedS3 again = EmbeddedS3.start(dataDir, port, ACCESS, SECRET);
                MinioClient client = client(again, SECRET)) {
            assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(BUCKET).build()))
                    .isTrue();
            assertThat(get(client)).isEqualTo(CONTENT);
        }
    }

    @Test
    void presignedUrlsWorkAndBadCredentialsDoNot() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.start(null, 0, ACCESS, SECRET);
                MinioClient client = client(s3, SECRET);
                MinioClient intruder = client(s3, "not-the-secret-key")) {
            client.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
            put(client);

            String url =
                    client.getPresignedObjectUrl(
                            GetPresignedObjectUrlArgs.builder()
                                    .method(Http.Method.GET)
                                    .bucket(BUCKET)
                                    .object(KEY)
                                    .expiry(5, TimeUnit.MINUTES)
                                    .build());
            HttpResponse<byte[]> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(url)).build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(CONTENT);

            HttpResponse<byte[]> tampered =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            url.replace(
                                                                    KEY,
                                                                    "rooms/r1/s1/other.ndjson")))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(tampered.statusCode()).isEqualTo(403);

            assertThatThrownBy(() -> get(intruder))
                    .isInstanceOfSatisfying(
                            ErrorResponseException.class,
                            e ->
                                    assertThat(e.errorResponse().code())
                                            .isEqualTo("SignatureDoesNotMatch"));
        }
    }

    private static MinioClient client(EmbeddedS3 s3, String secret) {
        return MinioClient.builder()
                .endpoint(s3.endpoint().toString())
                .credentials(s3.accessKey(), secret)
                .build();
    }

    private static void put(MinioClient client) throws Exception {
        client.putObject(
                PutObjectArgs.builder()
                        .bucket(BUCKET)
                        .object(KEY)
                        .data(CONTENT, CONTENT.length)
                        .contentType("application/x-ndjson")
                        .build());
    }

    private static byte[] get(MinioClient client) throws Exception {
        try (GetObjectResponse in =
                client.getObject(GetObjectArgs.builder().bucket(BUCKET).object(KEY).build())) {
            return in.readAllBytes();
        }
    }
}
