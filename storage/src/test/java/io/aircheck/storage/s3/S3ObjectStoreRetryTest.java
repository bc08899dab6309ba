package io.aircheck.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.config.S3Settings;
import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.ObjectStoreException.Kind;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.testing.FakeHttpServer;
import io.aircheck.storage.testing.FakeHttpServer.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retries of {@link S3ObjectStore} calls, against a loopback server that fails on purpose. */
class S3ObjectStoreRetryTest {
    private static final RetryPolicy FAST =
            new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(5), () -> 0.5, d -> {});

    private static String error(String code) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>"
                + code
                + " happened</Message><RequestId>1</RequestId></Error>";
    }

    private static Answer s3Error(int status, String code) {
        return new Answer(status, "application/xml", error(code));
    }

    private static S3ObjectStore store(FakeHttpServer server) {
        S3Settings settings =
                new S3Settings(server.uri(), "aircheck", "aircheck-secret", "archive", "us-east-1");
        return new S3ObjectStore(S3Connection.open(settings), "archive", FAST);
    }

    @Test
    void slowDownAndInternalErrorsAreRetriedUntilTheCallSucceeds() throws Exception {
        try (FakeHttpServer s3 =
                        FakeHttpServer.answering(
                                s3Error(503, "SlowDown"),
                                s3Error(500, "InternalError"),
                                new Answer(200, "application/octet-stream", "payload"));
                S3ObjectStore store = store(s3)) {
            assertThat(store.get("rooms/r/s/events.ndjson")).isEqualTo("payload".getBytes());
            assertThat(s3.requests())
                    .hasSize(3)
                    .allSatisfy(
                            r -> assertThat(r).isEqualTo("GET /archive/rooms/r/s/events.ndjson"));
        }
    }

    @Test
    void persistentTroubleEndsTransientAfterTheLastAttempt() throws Exception {
        try (FakeHttpServer s3 = FakeHttpServer.answering(s3Error(503, "SlowDown"));
                S3ObjectStore store = store(s3)) {
            assertThatThrownBy(() -> store.get("rooms/r/s/x"))
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessageContaining("SlowDown")
                    .satisfies(
                            e ->
                                    assertThat(((ObjectStoreException) e).kind())
                                            .isEqualTo(Kind.TRANSIENT));
            assertThat(s3.requests()).hasSize(5);
        }
    }

    @Test
    void permanentErrorsAreNotRetried() throws Exception {
        try (FakeHttpServer s3 = FakeHttpServer.answering(s3Error(403, "SignatureDoesNotMatch"));
                S3ObjectStore store = store(s3)) {
            assertThatThrownBy(() -> store.put("rooms/r/s/x", new byte[] {1}, null))
                    .isInstanceOf(ObjectStoreException.class)
                    .satisfies(
                            e ->
                                    assertThat(((ObjectStoreException) e).kind())
                                            .isEqualTo(Kind.PERMANENT));
            assertThat(s3.requests()).hasSize(1);
        }
    }

    @Test
    void missingObjectIsNotFoundAtOnce() throws Exception {
        try (FakeHttpServer s3 = FakeHttpServer.answering(s3Error(404, "NoSuchKey"));
                S3ObjectStore store = store(s3)) {
            assertThatThrownBy(() -> store.get("rooms/r/s/x"))
                    .isInstanceOf(ObjectStoreException.class)
                    .satisfies(e -> assertThat(((ObjectStoreException) e).notFound()).isTrue());
            assertThat(s3.requests()).hasSize(1);
        }
    }

    @Test
    void noConnectionIsTransient() throws Exception {
        S3Settings settings =
                new S3Settings(
                        FakeHttpServer.closedPort(),
                        "aircheck",
                        "aircheck-secret",
                        "archive",
                        "us-east-1");
        try (S3ObjectStore store =
                new S3ObjectStore(S3Connection.open(settings), "archive", FAST)) {
            assertThatThrownBy(() -> store.list("rooms/"))
                    .isInstanceOf(ObjectStoreException.class)
                    .satisfies(e -> assertThat(((ObjectStoreException) e).retriable()).isTrue());
        }
    }
}
