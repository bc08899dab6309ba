package io.aircheck.storage.s3;

import io.aircheck.config.S3Settings;
import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.ObjectStoreException.Kind;
import io.aircheck.storage.RetryPolicy;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.XmlParserException;
import io.minio.messages.Item;
import java.util.Iterator;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check of an {@link S3ObjectStore}: the endpoint answers as S3, the credentials are
 * accepted, and the bucket exists (it is created when missing). Each failure is permanent and its
 * message names what failed and the environment variable that configures it.
 */
final class S3BucketCheck {
    private static final Logger LOG = LoggerFactory.getLogger(S3BucketCheck.class);
    private static final Set<String> ALREADY_THERE =
            Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists");

    private final MinioClient client;
    private final S3Settings settings;
    private final RetryPolicy retry;

    S3BucketCheck(MinioClient client, S3Settings settings, RetryPolicy retry) {
        this.client = client;
        this.settings = settings;
        this.retry = retry;
    }

    void run() {
        String bucket = settings.bucket();
        try {
            if (!bucketExists()) {
                createBucket();
            }
        } catch (Exception e) {
            throw explain(e);
        }
        LOG.info("S3 bucket '{}' ready at {}", bucket, settings.endpoint());
    }

    /** Lists at most one key: unlike HEAD, a GET's error says which of key/signature/bucket. */
    private boolean bucketExists() throws Exception {
        return retry.run(
                () -> {
                    Iterator<Result<Item>> items =
                            client.listObjects(
                                            ListObjectsArgs.builder()
                                                    .bucket(settings.bucket())
                                                    .maxKeys(1)
                                                    .build())
                                    .iterator();
                    try {
                        if (items.hasNext()) {
                            items.next().get();
                        }
                        return true;
                    } catch (Exception e) {
                        if ("NoSuchBucket".equals(S3Failures.errorCode(e))) {
                            return false;
                        }
                        throw e;
                    }
                },
                this::isTransient);
    }

    private void createBucket() throws Exception {
        retry.run(
                () -> {
                    try {
                        client.makeBucket(
                                MakeBucketArgs.builder()
                                        .bucket(settings.bucket())
                                        .region(settings.region())
                                        .build());
                        LOG.info("created S3 bucket '{}'", settings.bucket());
                    } catch (Exception e) {
                        String code = S3Failures.errorCode(e);
                        if (code == null || !ALREADY_THERE.contains(code)) {
                            throw new BucketCreation(e);
                        }
                    }
                    return null;
                },
                this::isTransient);
    }

    private boolean isTransient(Exception e) {
        Throwable cause = e instanceof BucketCreation ? e.getCause() : e;
        return S3Failures.kind(cause) == Kind.TRANSIENT;
    }

    private ObjectStoreException explain(Exception failure) {
        boolean creating = failure instanceof BucketCreation;
        Throwable cause = creating ? failure.getCause() : failure;
        String endpoint = settings.endpoint().toString();
        String code = S3Failures.errorCode(cause);
        int status = S3Failures.httpStatus(cause);
        String why = S3Failures.describe(cause);
        String message;
        if (status < 0 && S3Failures.kind(cause) == Kind.TRANSIENT) {
            message =
                    "cannot reach S3 at "
                            + endpoint
                            + " ("
                            + S3Settings.ENDPOINT.env()
                            + "): "
                            + why;
        } else if (code == null ? status == 403 : S3Failures.CREDENTIAL_CODES.contains(code)) {
            message =
                    "S3 rejected access key '"
                            + settings.accessKey()
                            + "' for bucket '"
                            + settings.bucket()
                            + "' ("
                            + S3Settings.ACCESS_KEY.env()
                            + "/"
                            + S3Settings.SECRET_KEY.env()
                            + "): "
                            + why;
        } else if (S3Failures.find(cause, InvalidResponseException.class) != null
                || S3Failures.find(cause, XmlParserException.class) != null) {
            message =
                    "the endpoint "
                            + endpoint
                            + " ("
                            + S3Settings.ENDPOINT.env()
                            + ") did not answer like an S3 server: "
                            + why;
        } else if (creating) {
            message =
                    "cannot create S3 bucket '"
                            + settings.bucket()
                            + "' ("
                            + S3Settings.BUCKET.env()
                            + ") at "
                            + endpoint
                            + ": "
                            + why;
        } else {
            message =
                    "S3 at "
                            + endpoint
                            + " ("
                            + S3Settings.ENDPOINT.env()
                            + ") failed the check of bucket '"
                            + settings.bucket()
                            + "' ("
                            + S3Settings.BUCKET.env()
                            + "): "
                            + why;
        }
        return new ObjectStoreException(Kind.PERMANENT, message, cause);
    }

    /** Marks a failure of the bucket creation (rather than of the probe). */
    private static final class BucketCreation extends Exception {
        BucketCreation(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
