package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.VersionedRoom;
import io.aircheck.storage.testing.FakeHttpServer;
import io.aircheck.storage.testing.FakeHttpServer.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link ElasticsearchRoomCatalog} retries bulk items, against a scripted loopback server. */
class ElasticsearchRoomCatalogRetryTest {
    private static final RetryPolicy FAST =
            new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), () -> 0.5, d -> {});

    private static RoomDocument room(String id) {
        return new RoomDocument(
                id,
                "s1",
                "t",
                "h",
                "public",
                List.of(),
                Instant.EPOCH,
                null,
                0,
                true,
                0,
                Instant.EPOCH);
    }

    private static String item(String id, int status, String errorType) {
        String error =
                errorType == null
                        ? ""
                        : ",\"error\":{\"type\":\""
                                + errorType
                                + "\",\"reason\":\"why "
                                + id
                                + "\"}";
        return "{\"index\":{\"_index\":\"rooms-v1\",\"_id\":\""
                + id
                + "\",\"status\":"
                + status
                + error
                + "}}";
    }

    private static Answer bulk(String... items) {
        return Answer.elasticsearch(
                200, "{\"took\":1,\"errors\":true,\"items\":[" + String.join(",", items) + "]}");
    }

    private static ElasticsearchClient client(FakeHttpServer es) {
        return ElasticsearchClients.create(new ElasticsearchSettings(es.uri(), "", ""));
    }

    private static ElasticsearchRoomCatalog catalog(ElasticsearchClient client) {
        return new ElasticsearchRoomCatalog(client, Indexes.ROOMS, FAST);
    }

    @Test
    void rejectedItemsAreRetriedAloneUntilAccepted() throws Exception {
        try (FakeHttpServer es =
                        FakeHttpServer.answering(
                                bulk(
                                        item("a:s1", 201, null),
                                        item("b:s1", 429, "es_rejected_execution_exception"),
                                        item("c:s1", 409, "version_conflict_engine_exception")),
                                bulk(item("b:s1", 201, null)));
                ElasticsearchClient client = client(es)) {
            catalog(client)
                    .upsertAll(
                            List.of(
                                    new VersionedRoom(room("a"), 1),
                                    new VersionedRoom(room("b"), 1),
                                    new VersionedRoom(room("c"), 1)));
            assertThat(es.requests())
                    .containsExactly(
                            "POST /rooms/_bulk?require_alias=true",
                            "POST /rooms/_bulk?require_alias=true");
        }
    }

    @Test
    void itemsStillRejectedAfterTheLastAttemptAreReportedAsRetriable() throws Exception {
        try (FakeHttpServer es =
                        FakeHttpServer.answering(
                                bulk(item("b:s1", 503, "unavailable_shards_exception")));
                ElasticsearchClient client = client(es)) {
            assertThatThrownBy(
                            () ->
                                    catalog(client)
                                            .upsertAll(List.of(new VersionedRoom(room("b"), 1))))
                    .isInstanceOf(IndexException.class)
                    .satisfies(
                            e -> {
                                IndexException failure = (IndexException) e;
                                assertThat(failure.retriable()).isTrue();
                                assertThat(failure.documentIds()).containsExactly("b:s1");
                            });
            assertThat(es.requests()).hasSize(4);
        }
    }

    @Test
    void refusedDocumentsAreNamedAndNotRetried() throws Exception {
        try (FakeHttpServer es =
                        FakeHttpServer.answering(
                                bulk(
                                        item("a:s1", 201, null),
                                        item("b:s1", 400, "document_parsing_exception")));
                ElasticsearchClient client = client(es)) {
            assertThatThrownBy(
                            () ->
                                    catalog(client)
                                            .upsertAll(
                                                    List.of(
                                                            new VersionedRoom(room("a"), 1),
                                                            new VersionedRoom(room("b"), 1))))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining(
                            "refused 1 room document(s): b:s1 (document_parsing_exception: why b:s1)")
                    .satisfies(e -> assertThat(((IndexException) e).retriable()).isFalse());
            assertThat(es.requests()).hasSize(1);
        }
    }

    @Test
    void aFailedRequestIsRetriedWhole() throws Exception {
        try (FakeHttpServer es =
                        FakeHttpServer.answering(
                                Answer.elasticsearch(
                                        503,
                                        "{\"error\":{\"type\":\"cluster_block_exception\",\"reason\":\"busy\"},\"status\":503}"),
                                bulk(item("a:s1", 201, null)));
                ElasticsearchClient client = client(es)) {
            catalog(client).upsertAll(List.of(new VersionedRoom(room("a"), 1)));
            assertThat(es.requests()).hasSize(2);
        }
    }
}
