package io.aircheck.storage.s3;

import io.aircheck.config.S3Settings;
import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.ObjectStoreException.Kind;
import io.minio.MinioClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MinIO client on an OkHttp client of our own, closed together: the SDK does not stop an OkHttp
 * client it was given, and OkHttp's dispatcher threads are non-daemon, so left running they keep
 * the JVM alive.
 */
final class S3Connection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Connection.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration IO_TIMEOUT = Duration.ofMinutes(2);

    private final MinioClient client;
    private final OkHttpClient okHttp;

    private S3Connection(MinioClient client, OkHttpClient okHttp) {
        this.client = client;
        this.okHttp = okHttp;
    }

    /**
     * Builds the clients (no request is sent). No retry interceptor: {@link S3ObjectStore} retries
     * itself. The region is set, so the SDK never asks the server for a bucket's location.
     */
    static S3Connection open(S3Settings settings) {
        OkHttpClient okHttp =
                new OkHttpClient.Builder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .readTimeout(IO_TIMEOUT)
                        .writeTimeout(IO_TIMEOUT)
                        .protocols(List.of(Protocol.HTTP_1_1))
                        .build();
        try {
            MinioClient client =
                    MinioClient.builder()
                            .endpoint(settings.endpoint().toString())
                            .region(settings.region())
                            .credentials(settings.accessKey(), settings.secretKey())
                            .httpClient(okHttp)
                            .build();
            return new S3Connection(client, okHttp);
        } catch (RuntimeException e) {
            shutDown(okHttp);
            throw new ObjectStoreException(
                    Kind.PERMANENT,
                    "invalid S3 endpoint "
                            + settings.endpoint()
                            + " ("
                            + S3Settings.ENDPOINT.env()
                            + "): "
                            + e.getMessage(),
                    e);
        }
    }

    MinioClient client() {
        return client;
    }

    /** Whether {@link #close()} has stopped every dispatcher thread. */
    boolean isClosed() {
        return okHttp.dispatcher().executorService().isTerminated();
    }

    /** Stops the dispatcher threads and empties the connection pool (idempotent). */
    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("closing the MinIO client failed", e);
        }
        shutDown(okHttp);
    }

    private static void shutDown(OkHttpClient okHttp) {
        ExecutorService dispatcher = okHttp.dispatcher().executorService();
        dispatcher.shutdown();
        okHttp.connectionPool().evictAll();
        try {
            if (!dispatcher.awaitTermination(2, TimeUnit.SECONDS)) {
                dispatcher.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
