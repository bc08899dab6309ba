package io.aircheck.storage.s3;

import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.ObjectStoreException.Kind;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts what the MinIO SDK throws into {@link ObjectStoreException}s: network trouble, timeouts,
 * 5xx and throttling are transient; a missing object is not-found; bad credentials, a missing
 * bucket, denied access and bad requests are permanent.
 */
final class S3Failures {
    /** S3 error codes that a retry can cure (the SDK's own list, plus 503's). */
    static final Set<String> TRANSIENT_CODES =
            Set.of(
                    "RequestError",
                    "RequestTimeout",
                    "Throttling",
                    "ThrottlingException",
                    "RequestLimitExceeded",
                    "RequestThrottled",
                    "InternalError",
                    "ServiceUnavailable",
                    "SlowDown",
                    "SlowDownWrite",
                    "SlowDownRead");

    static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchVersion");

    /** Codes that mean the credentials are wrong (rather than merely not allowed). */
    static final Set<String> CREDENTIAL_CODES =
            Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied");

    private static final Pattern NON_XML_STATUS = Pattern.compile("Response code: (\\d{3})");

    private S3Failures() {}

    /** The S3 error code, e.g. {@code NoSuchKey}, or null when the failure carries none. */
    static String errorCode(Throwable failure) {
        ErrorResponseException error = find(failure, ErrorResponseException.class);
        return error == null || error.errorResponse() == null ? null : error.errorResponse().code();
    }

    /** The HTTP status the server answered, or -1 when it did not answer. */
    static int httpStatus(Throwable failure) {
        ErrorResponseException error = find(failure, ErrorResponseException.class);
        if (error != null && error.response() != null) {
            return error.response().code();
        }
        ServerException server = find(failure, ServerException.class);
        if (server != null) {
            return server.statusCode();
        }
        InvalidResponseException nonXml = find(failure, InvalidResponseException.class);
        if (nonXml != null && nonXml.getMessage() != null) {
            Matcher m = NON_XML_STATUS.matcher(nonXml.getMessage());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    static Kind kind(Throwable failure) {
        String code = errorCode(failure);
        if (code != null) {
            if (NOT_FOUND_CODES.contains(code)) {
                return Kind.NOT_FOUND;
            }
            if (TRANSIENT_CODES.contains(code)) {
                return Kind.TRANSIENT;
            }
        }
        int status = httpStatus(failure);
        if (status >= 0) {
            return status >= 500 || status == 429 || status == 408
                    ? Kind.TRANSIENT
                    : Kind.PERMANENT;
        }
        return find(failure, IOException.class) != null ? Kind.TRANSIENT : Kind.PERMANENT;
    }

    /** What went wrong, in a line: the S3 code and message, or the innermost cause. */
    static String describe(Throwable failure) {
        ErrorResponseException error = find(failure, ErrorResponseException.class);
        if (error != null && error.errorResponse() != null) {
            return error.errorResponse().code() + ": " + error.errorResponse().message();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    static ObjectStoreException wrap(String action, String bucket, String key, Throwable failure) {
        if (failure instanceof ObjectStoreException already) {
            return already;
        }
        Kind kind = kind(failure);
        String what = key == null ? "bucket '" + bucket + "'" : "'" + key + "' in '" + bucket + "'";
        return new ObjectStoreException(
                kind, "S3 " + action + " " + what + " failed: " + describe(failure), failure);
    }

    /** The first throwable of that type in the cause chain, or null. */
    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
