package io.aircheck.infra.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy in this JVM on 127.0.0.1: the real S3 REST API (AWS v2 and v4 signatures, presigned URLs,
 * multipart, ranges), path-style buckets, no CORS.
 *
 * <p>With a {@code dataDir}, buckets are folders under it and objects are files (S3Proxy's {@code
 * filesystem-nio2} backend; metadata in extended attributes), so a restart keeps them. Without one,
 * everything lives in memory ({@code transient-nio2}) and is gone on close.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private boolean closed;

    private EmbeddedS3(
            S3Proxy proxy, BlobStore blobStore, URI endpoint, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * S3Proxy; dataDir != null: filesystem-nio2 backend under dataDir (persistent); dataDir ==
     * null: transient in-memory backend. AWS v2/v4 auth with the given credentials. port 0 = free
     * port.
     */
    public static EmbeddedS3 start(Path dataDir, int port, String accessKey, String secretKey) {
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new EmbeddedServerException("S3: access key and secret key must not be blank");
        }
        long began = System.nanoTime();
        int httpPort = LoopbackPorts.resolve("S3", port);
        URI endpoint = URI.create("http://" + LoopbackPorts.HOST + ":" + httpPort);
        String where = dataDir == null ? "in memory" : "under " + dataDir.toAbsolutePath();
        BlobStore blobStore = blobStore(dataDir);
        S3Proxy proxy =
                S3Proxy.builder()
                        .blobStore(blobStore)
                        .endpoint(endpoint)
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                        .build();
        EmbeddedS3 s3 = new EmbeddedS3(proxy, blobStore, endpoint, accessKey, secretKey);
        try {
            proxy.start();
            if (!"STARTED".equals(proxy.getState())) {
                throw new IllegalStateException("S3Proxy reports state " + proxy.getState());
            }
        } catch (Exception e) {
            s3.close();
            throw new EmbeddedServerException(
                    "S3: S3Proxy at "
                            + endpoint
                            + " with data "
                            + where
                            + " did not start: "
                            + e.getMessage(),
                    e);
        }
        LOG.info(
                "S3 up at {} (data {}) in {} ms",
                endpoint,
                where,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        return s3;
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long began = System.nanoTime();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new EmbeddedServerException(
                    "S3: stopping S3Proxy at " + endpoint + " failed: " + e.getMessage(), e);
        } finally {
            blobStore.close();
        }
        LOG.info(
                "S3 at {} stopped in {} ms",
                endpoint,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private static BlobStore blobStore(Path dataDir) {
        if (dataDir == null) {
            return new TransientNio2BlobStore();
        }
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new EmbeddedServerException(
                    "S3: cannot create the data directory " + dir + ": " + e, e);
        }
        return new FilesystemNio2BlobStore(dir.toString());
    }
}
