package io.aircheck.storage.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.infra.embedded.SharedTestServers;
import java.util.UUID;

/** The shared embedded Elasticsearch node, and fresh names so that tests do not meet. */
final class ElasticsearchTestCluster {
    private static ElasticsearchClient client;

    private ElasticsearchTestCluster() {}

    static synchronized ElasticsearchSettings settings() {
        return new ElasticsearchSettings(SharedTestServers.elasticsearch().url(), "", "");
    }

    /** One client for the test JVM (closed with it). */
    static synchronized ElasticsearchClient client() {
        if (client == null) {
            client = ElasticsearchClients.connect(settings());
        }
        return client;
    }

    /** A lower-case alias nobody else uses, e.g. {@code rooms-it-1a2b3c4d}. */
    static String uniqueAlias(String prefix) {
        return prefix + "-it-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
