package io.aircheck.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.config.S3Settings;
import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.ObjectStoreException.Kind;
import io.aircheck.storage.testing.FakeHttpServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The start-up check against endpoints that are not a working S3 server. */
class S3ObjectStoreConnectTest {

    private static S3Settings settings(URI endpoint) {
        return new S3Settings(endpoint, "aircheck", "aircheck-secret", "archive", "us-east-1");
    }

    @Test
    void unreachableEndpointFailsFastNamingTheVariable() throws Exception {
        URI closed = FakeHttpServer.closedPort();
        Instant start = Instant.now();
        assertThatThrownBy(() -> S3ObjectStore.connect(settings(closed)))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageStartingWith(
                        "cannot reach S3 at " + closed + " (AIRCHECK_S3_ENDPOINT): ")
                .hasMessageContaining("refused")
                .satisfies(
                        e ->
                                assertThat(((ObjectStoreException) e).kind())
                                        .isEqualTo(Kind.PERMANENT));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void rejectedAccessKeyNamesTheKeyVariables() throws Exception {
        String body =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InvalidAccessKeyId</Code>"
                        + "<Message>The AWS Access Key Id you provided does not exist in our"
                        + " records.</Message><RequestId>1</RequestId></Error>";
        try (FakeHttpServer s3 = FakeHttpServer.answering(403, "application/xml", body)) {
            assertThatThrownBy(() -> S3ObjectStore.connect(settings(s3.uri())))
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessageStartingWith(
                            "S3 rejected access key 'aircheck' for bucket 'archive'"
                                    + " (AIRCHECK_S3_ACCESS_KEY/AIRCHECK_S3_SECRET_KEY):"
                                    + " InvalidAccessKeyId")
                    .hasMessageNotContaining("aircheck-secret");
        }
    }

    @Test
    void somethingThatIsNotS3IsSaidToBeSo() throws Exception {
        try (FakeHttpServer web = FakeHttpServer.answering(200, "text/html", "<html>hi</html>")) {
            assertThatThrownBy(() -> S3ObjectStore.connect(settings(web.uri())))
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessageContaining(
                            "(AIRCHECK_S3_ENDPOINT) did not answer like an S3 server");
        }
    }
}
