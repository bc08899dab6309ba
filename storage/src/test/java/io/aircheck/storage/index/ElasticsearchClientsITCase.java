package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.storage.IndexException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ElasticsearchClientsITCase {

    @Test
    void connectsToTheEmbeddedNode() throws Exception {
        try (ElasticsearchClient client =
                ElasticsearchClients.connect(ElasticsearchTestCluster.settings())) {
            assertThat(client.cluster().health().numberOfNodes()).isEqualTo(1);
        }
    }

    @Test
    void badUrlFailsFastNamingTheVariable() {
        ElasticsearchSettings nowhere =
                new ElasticsearchSettings(URI.create("http://127.0.0.1:9"), "", "");
        long start = System.nanoTime();
        assertThatThrownBy(() -> ElasticsearchClients.connect(nowhere))
                .isInstanceOf(IndexException.class)
                .hasMessageStartingWith(
                        "cannot reach Elasticsearch at http://127.0.0.1:9 (AIRCHECK_ES_URL): ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
