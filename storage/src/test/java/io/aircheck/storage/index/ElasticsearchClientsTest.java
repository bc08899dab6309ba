package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.testing.FakeHttpServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ElasticsearchClientsTest {

    @Test
    void unreachableClusterNamesTheUrlVariable() throws Exception {
        ElasticsearchSettings settings =
                new ElasticsearchSettings(FakeHttpServer.closedPort(), "", "");
        Instant start = Instant.now();
        assertThatThrownBy(() -> ElasticsearchClients.connect(settings))
                .isInstanceOf(IndexException.class)
                .hasMessageStartingWith("cannot reach Elasticsearch at " + settings.url())
                .hasMessageContaining("(AIRCHECK_ES_URL)")
                .satisfies(e -> assertThat(((IndexException) e).retriable()).isFalse());
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void refusedCredentialsNameTheUserVariables() throws Exception {
        String body =
                "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":\"unable"
                        + " to authenticate user [bob]\"}],\"type\":\"security_exception\","
                        + "\"reason\":\"unable to authenticate user [bob]\"},\"status\":401}";
        try (FakeHttpServer es = FakeHttpServer.answering(401, "application/json", body)) {
            ElasticsearchSettings settings = new ElasticsearchSettings(es.uri(), "bob", "wrong");
            assertThatThrownBy(() -> ElasticsearchClients.connect(settings))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("refused the credentials of user 'bob'")
                    .hasMessageContaining("AIRCHECK_ES_USERNAME/AIRCHECK_ES_PASSWORD")
                    .hasMessageContaining("security_exception")
                    .hasMessageNotContaining("wrong");
        }
    }

    @Test
    void refusedWithoutABodyStillNamesTheUserVariables() throws Exception {
        try (FakeHttpServer es = FakeHttpServer.answering(401, "text/plain", "no")) {
            ElasticsearchSettings settings = new ElasticsearchSettings(es.uri(), "", "");
            assertThatThrownBy(() -> ElasticsearchClients.connect(settings))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("refused the credentials (none were given)")
                    .hasMessageContaining("AIRCHECK_ES_USERNAME/AIRCHECK_ES_PASSWORD");
        }
    }

    @Test
    void somethingElseAnsweringIsReportedWithItsStatus() throws Exception {
        try (FakeHttpServer web = FakeHttpServer.answering(404, "text/html", "<html>nope")) {
            ElasticsearchSettings settings = new ElasticsearchSettings(web.uri(), "", "");
            assertThatThrownBy(() -> ElasticsearchClients.connect(settings))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining(
                            "(AIRCHECK_ES_URL) answered the health check with HTTP 404");
        }
    }
}
