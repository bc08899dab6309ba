package io.aircheck.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.ObjectStoreException.Kind;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.MinioException;
import io.minio.errors.ServerException;
import io.minio.messages.ErrorResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3FailuresTest {

    private static ErrorResponseException s3Error(int status, String code) {
        Response response =
                new Response.Builder()
                        .request(new Request.Builder().url("http://127.0.0.1:1/b/k").build())
                        .protocol(Protocol.HTTP_1_1)
                        .code(status)
                        .message("x")
                        .build();
        return new ErrorResponseException(
                new ErrorResponse(code, "message of " + code, "b", "k", "/b/k", "req", "host"),
                response,
                "");
    }

    @ParameterizedTest
    @CsvSource({
        "404, NoSuchKey, NOT_FOUND",
        "404, NoSuchBucket, PERMANENT",
        "403, AccessDenied, PERMANENT",
        "403, InvalidAccessKeyId, PERMANENT",
        "403, SignatureDoesNotMatch, PERMANENT",
        "400, InvalidArgument, PERMANENT",
        "416, InvalidRange, PERMANENT",
        "503, SlowDown, TRANSIENT",
        "503, ServiceUnavailable, TRANSIENT",
        "500, InternalError, TRANSIENT",
        "400, RequestTimeout, TRANSIENT",
        "502, SomethingNew, TRANSIENT",
        "429, SomethingNew, TRANSIENT"
    })
    void s3ErrorCodesAndStatuses(int status, String code, Kind kind) {
        assertThat(S3Failures.kind(s3Error(status, code))).isEqualTo(kind);
    }

    @Test
    void networkTroubleIsTransientEvenWhenTheSdkWrapsIt() {
        assertThat(S3Failures.kind(new IllegalStateException(new ConnectException("refused"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(S3Failures.kind(new MinioException(new SocketTimeoutException("timeout"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(S3Failures.kind(new IOException("reset"))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void serverStatusesWithoutAnS3Body() {
        assertThat(S3Failures.kind(new ServerException("x", 503, ""))).isEqualTo(Kind.TRANSIENT);
        assertThat(S3Failures.kind(new ServerException("x", 400, ""))).isEqualTo(Kind.PERMANENT);
        assertThat(S3Failures.kind(new InvalidResponseException(502, "text/html", "<html>", "")))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(S3Failures.kind(new InvalidResponseException(200, "text/html", "<html>", "")))
                .isEqualTo(Kind.PERMANENT);
    }

    @Test
    void programmingErrorsArePermanent() {
        assertThat(S3Failures.kind(new IllegalArgumentException("bad"))).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void wrappedMessageSaysWhatWasDoneToWhichKey() {
        ObjectStoreException e =
                S3Failures.wrap(
                        "get", "archive", "rooms/r/s/events.ndjson", s3Error(404, "NoSuchKey"));
        assertThat(e.notFound()).isTrue();
        assertThat(e)
                .hasMessage(
                        "S3 get 'rooms/r/s/events.ndjson' in 'archive' failed: NoSuchKey: message"
                                + " of NoSuchKey");
        ObjectStoreException refused =
                S3Failures.wrap(
                        "list",
                        "archive",
                        null,
                        new IllegalStateException(new ConnectException("Connection refused")));
        assertThat(refused.retriable()).isTrue();
        assertThat(refused).hasMessage("S3 list bucket 'archive' failed: Connection refused");
    }
}
