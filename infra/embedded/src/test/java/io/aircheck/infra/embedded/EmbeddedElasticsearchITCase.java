package io.aircheck.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedElasticsearchITCase {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedElasticsearchITCase.class);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir static Path dataDir;
    private static EmbeddedElasticsearch node;

    @BeforeAll
    static void start() {
        node = startMeasured();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void clusterIsHealthyOnLoopback() throws Exception {
        assertThat(node.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(call("GET", "/_cluster/health", null))
                .containsPattern("\"status\":\"(green|yellow)\"");
        assertThat(call("GET", "/_cat/plugins?h=component", null)).contains("aircheck-analysis");
    }

    @Test
    @Order(2)
    void englishAnalyzerStems() throws Exception {
        String tokens =
                call(
                        "POST",
                        "/_analyze",
                        "{\"analyzer\":\"english\",\"text\":\"The speakers were running\"}");

        assertThat(tokens)
                .contains("\"token\":\"speaker\"", "\"token\":\"run\"")
                .doesNotContain("\"token\":\"the\"");
    }

    @Test
    @Order(3)
    void mappingsOfAStockClusterAreAccepted() throws Exception {
        call(
                "PUT",
                "/transcripts-v1",
                """
                {"settings":{"number_of_replicas":0,"analysis":{
                   "filter":{"possessive":{"type":"stemmer","language":"possessive_english"},
                             "folding":{"type":"asciifolding","preserve_original":true}},
                   "analyzer":{"folded_english":{"type":"custom","tokenizer":"standard",
                       "filter":["possessive","lowercase","folding","porter_stem"]}}}},
                 "mappings":{"properties":{
                   "text":{"type":"text","analyzer":"english","fields":{"exact":{"type":"keyword"}}},
                   "title":{"type":"text","analyzer":"folded_english"}}}}
                """);
        call(
                "PUT",
                "/transcripts-v1/_doc/r1-s1-0001?refresh=true",
                "{\"text\":\"The speakers were running late\",\"title\":\"Zoë's cafés\"}");

        assertThat(
                        call(
                                "POST",
                                "/transcripts-v1/_search",
                                "{\"query\":{\"match\":{\"text\":\"run\"}}}"))
                .contains("\"_id\":\"r1-s1-0001\"");
        assertThat(
                        call(
                                "POST",
                                "/transcripts-v1/_search",
                                "{\"query\":{\"match\":{\"title\":\"zoe cafe\"}}}"))
                .contains("\"_id\":\"r1-s1-0001\"");
    }

    @Test
    @Order(4)
    void aRestartOnTheSameDataDirectoryKeepsDocuments() throws Exception {
        call("PUT", "/rooms", "{\"settings\":{\"number_of_replicas\":0}}");
        call("PUT", "/rooms/_doc/r1-s1?refresh=true", "{\"title\":\"Morning show\"}");
        int port = node.url().getPort();
        node.close();

        node = EmbeddedElasticsearch.start(dataDir, port, SharedTestServers.elasticsearchHome());

        assertThat(node.url().getPort()).isEqualTo(port);
        call("GET", "/_cluster/health?wait_for_status=green&timeout=30s", null);
        assertThat(call("GET", "/rooms/_doc/r1-s1", null))
                .contains("\"found\":true", "Morning show");
        assertThat(
                        call(
                                "POST",
                                "/transcripts-v1/_search",
                                "{\"query\":{\"match\":{\"text\":\"running\"}}}"))
                .contains("\"_id\":\"r1-s1-0001\"");
    }

    @Test
    @Order(5)
    void aTakenPortIsAClearError(@TempDir Path otherDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(
                            () ->
                                    EmbeddedElasticsearch.start(
                                            otherDir,
                                            taken.getLocalPort(),
                                            SharedTestServers.elasticsearchHome()))
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageContaining("Elasticsearch")
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    private static EmbeddedElasticsearch startMeasured() {
        long began = System.nanoTime();
        EmbeddedElasticsearch started =
                EmbeddedElasticsearch.start(dataDir, 0, SharedTestServers.elasticsearchHome());
        LOG.info(
                "measured: Elasticsearch started in {} ms, RSS of its processes {} MiB",
                (System.nanoTime() - began) / 1_000_000,
                started.residentSetBytes() / (1024 * 1024));
        return started;
    }

    private static String call(String method, String path, String json) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(node.url().resolve(path)).timeout(Duration.ofSeconds(60));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response =
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("%s %s: %s", method, path, response.body())
                .isBetween(200, 299);
        return response.body();
    }
}
