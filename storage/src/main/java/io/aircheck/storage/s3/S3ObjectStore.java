package io.aircheck.storage.s3;

import io.aircheck.config.S3Settings;
import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.ObjectStoreException.Kind;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.StoredObject;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ObjectStore} on an S3-compatible server (MinIO, AWS S3, S3Proxy) through the MinIO Java
 * SDK. Every call retries transient failures with {@link RetryPolicy}; what is left is thrown as an
 * {@link ObjectStoreException} of the matching kind. Files are streamed, in parts of {@value
 * #PART_SIZE} bytes when larger than that, and their sha256 is computed from the bytes sent.
 */
public final class S3ObjectStore implements ObjectStore {
    /** Files larger than this go up as multipart uploads of parts this size. */
    public static final long PART_SIZE = 8L * 1024 * 1024;

    public static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final S3Connection connection;
    private final MinioClient client;
    private final String bucket;
    private final S3Calls calls;

    /** Wraps a built client; no I/O. {@link #connect} is the usual way in. */
    S3ObjectStore(S3Connection connection, String bucket, RetryPolicy retry) {
        this.connection = connection;
        this.client = connection.client();
        this.bucket = bucket;
        this.calls = new S3Calls(bucket, retry);
    }

    /**
     * Connects with {@link RetryPolicy#defaults()}; see {@link #connect(S3Settings, RetryPolicy)}.
     */
    public static S3ObjectStore connect(S3Settings settings) {
        return connect(settings, RetryPolicy.defaults());
    }

    /**
     * Builds the client, checks that the endpoint answers and the credentials work, and creates the
     * bucket if missing. Fails fast with a permanent {@link ObjectStoreException} naming what
     * failed and its environment variable.
     */
    public static S3ObjectStore connect(S3Settings settings, RetryPolicy retry) {
        S3Connection connection = S3Connection.open(settings);
        S3ObjectStore store = new S3ObjectStore(connection, settings.bucket(), retry);
        try {
            new S3BucketCheck(
                            connection.client(),
                            settings,
                            RetryPolicy.of(3, Duration.ofMillis(100)))
                    .run();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public StoredObject put(String key, byte[] content, String contentType) {
        requireKey(key);
        String sha256 = Sha256.hex(content);
        ObjectWriteResponse written =
                calls.run(
                        "put",
                        key,
                        () ->
                                upload(
                                        key,
                                        new ByteArrayInputStream(content),
                                        content.length,
                                        contentType));
        return new StoredObject(
                bucket, key, content.length, sha256, S3Responses.etag(written.etag()));
    }

    @Override
    public StoredObject put(String key, Path file, String contentType) {
        requireKey(key);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ObjectStoreException(
                    Kind.PERMANENT, "cannot read " + file + " to put it at '" + key + "'", e);
        }
        return calls.run(
                "put",
                key,
                () -> {
                    try (DigestInputStream in =
                            new DigestInputStream(
                                    new BufferedInputStream(Files.newInputStream(file)),
                                    Sha256.digest())) {
                        ObjectWriteResponse written = upload(key, in, size, contentType);
                        String sha256 = Sha256.hex(in.getMessageDigest());
                        return new StoredObject(
                                bucket, key, size, sha256, S3Responses.etag(written.etag()));
                    }
                });
    }

    /** One upload: a single PUT up to {@link #PART_SIZE}, multipart above. */
    private ObjectWriteResponse upload(String key, InputStream in, long size, String contentType)
            throws Exception {
        return client.putObject(
                PutObjectArgs.builder().bucket(bucket).object(key).stream(in, size, PART_SIZE)
                        .contentType(orDefault(contentType))
                        .build());
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        requireKey(key);
        try {
            StatObjectArgs args = StatObjectArgs.builder().bucket(bucket).object(key).build();
            StatObjectResponse stat = calls.run("stat", key, () -> client.statObject(args));
            return Optional.of(S3Responses.info(key, stat));
        } catch (ObjectStoreException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public byte[] get(String key) {
        requireKey(key);
        return calls.run(
                "get",
                key,
                () -> {
                    try (GetObjectResponse response =
                            client.getObject(
                                    GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                        return response.readAllBytes();
                    }
                });
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        requireKey(key);
        if (offset < 0 || length < -1) {
            throw new IllegalArgumentException(
                    "need offset >= 0 and length >= -1: " + offset + ", " + length);
        }
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        return calls.run(
                "get range of",
                key,
                () ->
                        client.getObject(
                                GetObjectArgs.builder()
                                        .bucket(bucket)
                                        .object(key)
                                        .offset(offset)
                                        .length(length < 0 ? null : length)
                                        .build()));
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        ListObjectsArgs args =
                ListObjectsArgs.builder()
                        .bucket(bucket)
                        .prefix(prefix == null ? "" : prefix)
                        .recursive(true)
                        .build();
        return calls.run(
                "list",
                null,
                () -> {
                    List<ObjectInfo> out = new ArrayList<>();
                    for (Result<Item> result : client.listObjects(args)) {
                        Item item = result.get();
                        if (!item.isDir()) {
                            out.add(S3Responses.info(item));
                        }
                    }
                    return out;
                });
    }

    @Override
    public void delete(String key) {
        requireKey(key);
        try {
            calls.run(
                    "delete",
                    key,
                    () -> {
                        client.removeObject(
                                RemoveObjectArgs.builder().bucket(bucket).object(key).build());
                        return null;
                    });
        } catch (ObjectStoreException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
    }

    @Override
    public URI presignGet(String key, Duration ttl) {
        requireKey(key);
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_PRESIGN_TTL) > 0) {
            throw new IllegalArgumentException("presign ttl must be 1 s to 7 days: " + ttl);
        }
        return URI.create(
                calls.run(
                        "presign",
                        key,
                        () ->
                                client.getPresignedObjectUrl(
                                        GetPresignedObjectUrlArgs.builder()
                                                .method(Http.Method.GET)
                                                .bucket(bucket)
                                                .object(key)
                                                .expiry((int) ttl.toSeconds())
                                                .build())));
    }

    /**
     * The bucket's S3 Object Lock (legal-hold flags, compliance retention), or the report that
     * there is none (e.g. the embedded S3 server). Detected on first use.
     */
    public io.aircheck.storage.retention.ObjectLock objectLock() {
        return new S3ObjectLock(client, bucket, calls);
    }

    /** Shuts down the HTTP client's dispatcher and connection pool (idempotent). */
    @Override
    public void close() {
        connection.close();
    }

    /** The connection this store owns (tests check that close stops it). */
    S3Connection connection() {
        return connection;
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank() || key.startsWith("/") || key.length() > 1024) {
            throw new IllegalArgumentException("not a valid object key: '" + key + "'");
        }
    }

    private static String orDefault(String contentType) {
        return contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
    }
}
