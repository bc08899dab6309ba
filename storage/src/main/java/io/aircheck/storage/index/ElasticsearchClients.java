package io.aircheck.storage.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the official Elasticsearch client (low-level REST transport, Jackson 3 mapper) from {@link
 * ElasticsearchSettings}. {@link ElasticsearchClient#close()} closes its transport.
 */
public final class ElasticsearchClients {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchClients.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private ElasticsearchClients() {}

    /**
     * A client whose cluster answered a health request. Fails fast with an {@link IndexException}
     * whose message names {@code AIRCHECK_ES_URL} when the cluster cannot be reached, and {@code
     * AIRCHECK_ES_USERNAME}/{@code AIRCHECK_ES_PASSWORD} when it refuses the credentials. (Cluster
     * health rather than {@code GET /}: the embedded node has no root endpoint.)
     */
    public static ElasticsearchClient connect(ElasticsearchSettings settings) {
        ElasticsearchClient client = create(settings);
        try {
            HealthResponse health =
                    RetryPolicy.of(3, Duration.ofMillis(100))
                            .run(
                                    () -> client.cluster().health(),
                                    ElasticsearchFailures::isTransient);
            LOG.info(
                    "Elasticsearch cluster '{}' at {} is {}",
                    health.clusterName(),
                    settings.url(),
                    health.status());
            return client;
        } catch (Exception e) {
            closeQuietly(client);
            throw explain(settings, e);
        }
    }

    /** The client, without contacting the cluster (no I/O beyond starting the HTTP client). */
    public static ElasticsearchClient create(ElasticsearchSettings settings) {
        URI url = settings.url();
        int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        RestClientBuilder builder =
                RestClient.builder(new HttpHost(url.getHost(), port, url.getScheme()))
                        .setRequestConfigCallback(
                                config ->
                                        config.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                                                .setSocketTimeout((int) SOCKET_TIMEOUT.toMillis()));
        String path = url.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            builder.setPathPrefix(path);
        }
        if (settings.hasCredentials()) {
            String basic =
                    settings.username()
                            + ":"
                            + (settings.password() == null ? "" : settings.password());
            builder.setDefaultHeaders(
                    new Header[] {
                        new BasicHeader(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        basic.getBytes(StandardCharsets.UTF_8)))
                    });
        }
        return new ElasticsearchClient(new RestClientTransport(builder.build(), mapper()));
    }

    /**
     * The client's JSON mapper: Jackson 3 (the client's declared runtime), nulls left out, unknown
     * fields ignored so that a newer writer's documents still read.
     */
    public static JsonpMapper mapper() {
        return new Jackson3JsonpMapper(
                JsonMapper.builder()
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .changeDefaultPropertyInclusion(
                                p -> p.withValueInclusion(JsonInclude.Include.NON_NULL))
                        .build());
    }

    static IndexException explain(ElasticsearchSettings settings, Exception failure) {
        int status = ElasticsearchFailures.status(failure);
        String why = ElasticsearchFailures.describe(failure);
        String message;
        if (status == 401) {
            message =
                    "Elasticsearch at "
                            + settings.url()
                            + " refused the credentials"
                            + (settings.hasCredentials()
                                    ? " of user '" + settings.username() + "'"
                                    : " (none were given)")
                            + " ("
                            + ElasticsearchSettings.USERNAME.env()
                            + "/"
                            + ElasticsearchSettings.PASSWORD.env()
                            + "): "
                            + why;
        } else if (status == 403) {
            message =
                    "Elasticsearch at "
                            + settings.url()
                            + " does not allow user '"
                            + settings.username()
                            + "' to read cluster health ("
                            + ElasticsearchSettings.USERNAME.env()
                            + "): "
                            + why;
        } else if (status < 0) {
            message =
                    "cannot reach Elasticsearch at "
                            + settings.url()
                            + " ("
                            + ElasticsearchSettings.URL.env()
                            + "): "
                            + why;
        } else {
            message =
                    "Elasticsearch at "
                            + settings.url()
                            + " ("
                            + ElasticsearchSettings.URL.env()
                            + ") answered the health check with HTTP "
                            + status
                            + ": "
                            + why;
        }
        return new IndexException(false, message, List.of(), failure);
    }

    private static void closeQuietly(ElasticsearchClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the Elasticsearch client failed", e);
        }
    }
}
