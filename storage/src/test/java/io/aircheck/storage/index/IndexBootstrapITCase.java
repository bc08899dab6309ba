package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.analyze.AnalyzeToken;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.VersionedRoom;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IndexBootstrapITCase {
    private final ElasticsearchClient client = ElasticsearchTestCluster.client();

    @Test
    void ensureCreatesTheVersionedIndexAndItsAliasAndIsIdempotent() throws Exception {
        IndexDefinition rooms =
                Indexes.ROOMS.withAlias(ElasticsearchTestCluster.uniqueAlias("rooms"));
        IndexBootstrap.ensure(client, rooms);
        assertThat(IndexBootstrap.aliasTargets(client, rooms.alias()))
                .containsExactly(rooms.concreteIndex());
        var mapping = client.indices().getMapping(m -> m.index(rooms.concreteIndex()));
        var title =
                mapping.result().get(rooms.concreteIndex()).mappings().properties().get("title");
        assertThat(title.text().analyzer()).isEqualTo("english");
        assertThat(title.text().fields().get("exact").isKeyword()).isTrue();

        IndexBootstrap.ensure(client, rooms);
        assertThat(IndexBootstrap.createIndex(client, rooms)).isFalse();
        assertThat(IndexBootstrap.aliasTargets(client, rooms.alias()))
                .containsExactly(rooms.concreteIndex());
    }

    @Test
    void processesEnsuringAtOnceAllSucceed() throws Exception {
        // several rounds: one process's check for an index of the alias's name can see the alias
        // another has just made (the window is a few ms wide)
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 8; round++) {
                IndexDefinition rooms =
                        Indexes.ROOMS.withAlias(ElasticsearchTestCluster.uniqueAlias("race"));
                CountDownLatch go = new CountDownLatch(1);
                Callable<Void> ensure =
                        () -> {
                            go.await();
                            IndexBootstrap.ensure(client, rooms);
                            return null;
                        };
                List<Future<Void>> results =
                        List.of(pool.submit(ensure), pool.submit(ensure), pool.submit(ensure));
                go.countDown();
                for (Future<Void> result : results) {
                    result.get();
                }
                assertThat(IndexBootstrap.aliasTargets(client, rooms.alias()))
                        .containsExactly(rooms.concreteIndex());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ensureAddsTheFieldsAnIndexOfTheSameVersionLacksAndNothingTwice() throws Exception {
        IndexDefinition transcripts =
                Indexes.TRANSCRIPTS.withAlias(ElasticsearchTestCluster.uniqueAlias("transcripts"));
        // the index as an earlier build of this version made it: without the card field
        tools.jackson.databind.json.JsonMapper json =
                tools.jackson.databind.json.JsonMapper.builder().build();
        tools.jackson.databind.node.ObjectNode earlier;
        try (var in = transcripts.openMapping()) {
            earlier = (tools.jackson.databind.node.ObjectNode) json.readTree(in);
        }
        var mappings = (tools.jackson.databind.node.ObjectNode) earlier.get("mappings");
        ((tools.jackson.databind.node.ObjectNode) mappings.get("properties")).remove("card");
        mappings.remove("_source");
        byte[] body = json.writeValueAsBytes(earlier);
        client.indices()
                .create(
                        c ->
                                c.index(transcripts.concreteIndex())
                                        .aliases(transcripts.alias(), a -> a)
                                        .withJson(new java.io.ByteArrayInputStream(body)));

        IndexBootstrap.ensure(client, transcripts);

        var card =
                client.indices()
                        .getMapping(m -> m.index(transcripts.concreteIndex()))
                        .result()
                        .get(transcripts.concreteIndex())
                        .mappings()
                        .properties()
                        .get("card");
        assertThat(card).isNotNull();
        assertThat(card.isBinary()).isTrue();
        assertThat(card.binary().docValues()).isTrue();
        assertThat(IndexBootstrap.addMissingFields(client, transcripts)).isEmpty();
        assertThat(IndexBootstrap.aliasTargets(client, transcripts.alias()))
                .containsExactly(transcripts.concreteIndex());
    }

    @Test
    void transcriptsTextIsAnalyzedInEnglishWithAnExactSubField() throws Exception {
        IndexDefinition transcripts =
                Indexes.TRANSCRIPTS.withAlias(ElasticsearchTestCluster.uniqueAlias("transcripts"));
        IndexBootstrap.ensure(client, transcripts);
        List<String> stemmed =
                client
                        .indices()
                        .analyze(
                                a ->
                                        a.index(transcripts.alias())
                                                .field("text")
                                                .text("The speakers were running"))
                        .tokens()
                        .stream()
                        .map(AnalyzeToken::token)
                        .toList();
        assertThat(stemmed).containsExactly("speaker", "were", "run");
        List<String> exact =
                client
                        .indices()
                        .analyze(
                                a ->
                                        a.index(transcripts.alias())
                                                .field("text.exact")
                                                .text("The speakers were running"))
                        .tokens()
                        .stream()
                        .map(AnalyzeToken::token)
                        .toList();
        assertThat(exact).containsExactly("the", "speakers", "were", "running");
    }

    @Test
    void swapAliasMovesReadersToTheNewVersionAtomically() throws Exception {
        IndexDefinition v1 = Indexes.ROOMS.withAlias(ElasticsearchTestCluster.uniqueAlias("swap"));
        IndexBootstrap.ensure(client, v1);
        ElasticsearchRoomCatalog catalog =
                new ElasticsearchRoomCatalog(client, v1, RetryPolicy.defaults());
        RoomDocument room =
                new RoomDocument(
                        "r1",
                        "s1",
                        "Old index",
                        "h",
                        "public",
                        List.of(),
                        Instant.ofEpochMilli(1000),
                        null,
                        0,
                        true,
                        0,
                        Instant.ofEpochMilli(1000));
        catalog.upsertAll(List.of(new VersionedRoom(room, 1)));
        catalog.refresh();
        assertThat(catalog.get("r1", "s1")).isPresent();

        IndexDefinition v2 = v1.nextVersion(v1.mappingResource());
        assertThat(IndexBootstrap.createIndex(client, v2)).isTrue();
        // the rebuild writes into the new version by its concrete name, then swaps
        assertThat(IndexBootstrap.aliasTargets(client, v1.alias()))
                .containsExactly(v1.concreteIndex());
        assertThat(IndexBootstrap.swapAlias(client, v2)).containsExactly(v1.concreteIndex());
        assertThat(IndexBootstrap.aliasTargets(client, v1.alias()))
                .containsExactly(v2.concreteIndex());
        assertThat(catalog.get("r1", "s1")).isEmpty();

        // an old process starting up leaves the swapped alias alone
        IndexBootstrap.ensure(client, v1);
        assertThat(IndexBootstrap.aliasTargets(client, v1.alias()))
                .containsExactly(v2.concreteIndex());
        // swapping to where it already points is a no-op
        assertThat(IndexBootstrap.swapAlias(client, v2)).isEmpty();
    }

    @Test
    void aPlainIndexWhereTheAliasShouldBeIsReported() throws Exception {
        String name = ElasticsearchTestCluster.uniqueAlias("squatter");
        client.indices().create(c -> c.index(name));
        assertThatThrownBy(() -> IndexBootstrap.ensure(client, Indexes.ROOMS.withAlias(name)))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining("an index named '" + name + "' where the alias should be");
    }

    @Test
    void aRebuildWritesThroughItsStagingAliasThenTakesOverTheAliasAtomically() {
        IndexDefinition rooms =
                Indexes.ROOMS.withAlias(ElasticsearchTestCluster.uniqueAlias("rebuilt"));
        IndexBootstrap.ensure(client, rooms);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        RoomDocument live =
                new RoomDocument(
                        "r", "s", "Live", "h", "PUBLIC", List.of(), t0, null, 0, true, 1, t0);
        new ElasticsearchRoomCatalog(client, rooms, RetryPolicy.none())
                .upsertAll(List.of(new VersionedRoom(live, 1)));

        IndexDefinition rebuilt = rooms.withGeneration("g1");
        assertThat(rebuilt.concreteIndex()).isEqualTo(rooms.concreteIndex() + "-g1");
        IndexBootstrap.beginRebuild(client, rebuilt);
        RoomDocument replayed =
                new RoomDocument(
                        "r",
                        "s",
                        "Rebuilt",
                        "h",
                        "PUBLIC",
                        List.of(),
                        t0,
                        t0.plusSeconds(5),
                        5000,
                        false,
                        1,
                        t0);
        new ElasticsearchRoomCatalog(
                        client, rebuilt.withAlias(rebuilt.stagingAlias()), RetryPolicy.none())
                .upsertAll(List.of(new VersionedRoom(replayed, 2)));
        // readers still see the old index while the rebuild writes
        ElasticsearchRoomCatalog readers =
                new ElasticsearchRoomCatalog(client, rooms, RetryPolicy.none());
        readers.refresh();
        assertThat(readers.get("r", "s").orElseThrow().title()).isEqualTo("Live");

        List<String> old = IndexBootstrap.completeRebuild(client, rebuilt);
        assertThat(old).containsExactly(rooms.concreteIndex());
        assertThat(IndexBootstrap.aliasTargets(client, rooms.alias()))
                .containsExactly(rebuilt.concreteIndex());
        assertThat(IndexBootstrap.aliasTargets(client, rebuilt.stagingAlias())).isEmpty();
        assertThat(readers.get("r", "s").orElseThrow().title()).isEqualTo("Rebuilt");
        assertThat(IndexBootstrap.documentCount(client, rooms.alias())).isEqualTo(1);
    }
}
