package io.aircheck.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.config.S3Settings;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.retention.ObjectLock;
import io.aircheck.storage.testing.FakeHttpServer;
import io.aircheck.storage.testing.FakeHttpServer.Answer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which protection is active is detected from the server's answer; holds and locks are sent. */
class S3ObjectLockTest {
    private static S3ObjectStore store(FakeHttpServer server) {
        S3Settings settings =
                new S3Settings(server.uri(), "aircheck", "aircheck-secret", "archive", "us-east-1");
        return new S3ObjectStore(S3Connection.open(settings), "archive", RetryPolicy.none());
    }

    private static Answer error(int status, String code) {
        return new Answer(
                status,
                "application/xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                        + code
                        + "</Code><Message>no</Message><Resource>/archive</Resource><RequestId>1</RequestId></Error>");
    }

    @Test
    void aServerWithoutObjectLockMeansAircheckEnforcesHoldsAlone() throws Exception {
        try (FakeHttpServer s3 = FakeHttpServer.answering(error(501, "NotImplemented"));
                S3ObjectStore store = store(s3)) {
            ObjectLock.Enforcement e = store.objectLock().enforcement();
            assertThat(e.objectLock()).isFalse();
            assertThat(e.description()).startsWith("aircheck only").contains("501 NotImplemented");
            assertThat(s3.requests()).containsExactly("GET /archive?object-lock=");
        }
    }

    @Test
    void aBucketMadeWithoutObjectLockIsSaidSo() throws Exception {
        try (FakeHttpServer s3 =
                        FakeHttpServer.answering(
                                error(404, "ObjectLockConfigurationNotFoundError"));
                S3ObjectStore store = store(s3)) {
            assertThat(store.objectLock().enforcement().description())
                    .contains("created without S3 Object Lock", "--with-lock");
        }
    }

    @Test
    void withObjectLockHoldsAndRetentionAreSetOnTheServer() throws Exception {
        String config =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ObjectLockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>COMPLIANCE</Mode><Days>1</Days></DefaultRetention></Rule></ObjectLockConfiguration>";
        try (FakeHttpServer s3 =
                        FakeHttpServer.answering(
                                new Answer(200, "application/xml", config),
                                new Answer(200, "application/xml", ""));
                S3ObjectStore store = store(s3)) {
            ObjectLock lock = store.objectLock();
            assertThat(lock.enforcement().objectLock()).isTrue();
            assertThat(lock.enforcement().description())
                    .contains("S3 Object Lock (WORM)", "COMPLIANCE");
            lock.legalHold("rooms/r/s/mix/room.opus", true);
            lock.legalHold("rooms/r/s/mix/room.opus", false);
            lock.retainUntil("rooms/r/s/mix/room.opus", Instant.parse("2033-01-01T00:00:00Z"));
            assertThat(s3.requests())
                    .containsExactly(
                            "GET /archive?object-lock=",
                            "PUT /archive/rooms/r/s/mix/room.opus?legal-hold=",
                            "PUT /archive/rooms/r/s/mix/room.opus?legal-hold=",
                            "PUT /archive/rooms/r/s/mix/room.opus?retention=");
        }
    }
}
