package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.RoomDocument.Speaker;
import io.aircheck.storage.RoomPage;
import io.aircheck.storage.RoomQuery;
import io.aircheck.storage.VersionedRoom;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ElasticsearchRoomCatalogITCase {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00.250Z");

    private final ElasticsearchClient client = ElasticsearchTestCluster.client();
    private IndexDefinition rooms;
    private ElasticsearchRoomCatalog catalog;

    @BeforeEach
    void freshIndex() {
        rooms = Indexes.ROOMS.withAlias(ElasticsearchTestCluster.uniqueAlias("rooms"));
        IndexBootstrap.ensure(client, rooms);
        catalog = new ElasticsearchRoomCatalog(client, rooms, RetryPolicy.defaults());
    }

    private static RoomDocument room(
            String roomId,
            String sessionId,
            String title,
            int startMinute,
            boolean live,
            String... speakers) {
        Instant started = T0.plusSeconds(60L * startMinute);
        Instant ended = live ? null : started.plusSeconds(1800);
        return new RoomDocument(
                roomId,
                sessionId,
                title,
                "host-" + roomId,
                "public",
                java.util.Arrays.stream(speakers)
                        .map(s -> new Speaker(s, s.toUpperCase()))
                        .toList(),
                started,
                ended,
                live ? 0 : 1_800_000,
                live,
                10 * startMinute,
                started.plusSeconds(5));
    }

    private final RoomDocument morning =
            room("tech", "s1", "Morning standup", 0, false, "alice", "bob");
    private final RoomDocument evening = room("tech", "s2", "Evening review", 60, false, "alice");
    private final RoomDocument music = room("music", "s1", "Jazz session", 30, true, "carol");

    private void seed() {
        catalog.upsertAll(
                List.of(
                        new VersionedRoom(morning, 1),
                        new VersionedRoom(evening, 1),
                        new VersionedRoom(music, 1)));
        catalog.refresh();
    }

    @Test
    void upsertThenGetReturnsTheSameDocument() {
        seed();
        assertThat(catalog.get("tech", "s1")).contains(morning);
        assertThat(catalog.get("music", "s1")).contains(music);
        assertThat(catalog.get("music", "s1").orElseThrow().endedAt()).isNull();
        assertThat(catalog.get("tech", "nope")).isEmpty();
    }

    @Test
    void listIsNewestFirstWithTotals() {
        seed();
        RoomPage all = catalog.list(RoomQuery.all());
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.items()).containsExactly(evening, music, morning);

        RoomPage second = catalog.list(RoomQuery.all().page(1, 1));
        assertThat(second.total()).isEqualTo(3);
        assertThat(second.items()).containsExactly(music);
    }

    @Test
    void listFilters() {
        seed();
        assertThat(catalog.list(RoomQuery.all().withLive(true)).items()).containsExactly(music);
        assertThat(catalog.list(RoomQuery.all().withLive(false)).items())
                .containsExactly(evening, morning);
        assertThat(catalog.list(RoomQuery.all().withRoomId("tech")).total()).isEqualTo(2);
        assertThat(catalog.list(RoomQuery.all().withSpeakerId("bob")).items())
                .containsExactly(morning);
        assertThat(catalog.list(RoomQuery.all().withSpeakerId("alice").withLive(false)).total())
                .isEqualTo(2);
        assertThat(catalog.list(RoomQuery.all().withSpeakerId("nobody")).items()).isEmpty();
    }

    @Test
    void listFiltersByVisibility() {
        seed();
        RoomDocument secret =
                new RoomDocument(
                        "board",
                        "s1",
                        "Board meeting",
                        "host",
                        "PRIVATE",
                        List.of(),
                        T0,
                        null,
                        0,
                        true,
                        3,
                        T0);
        catalog.upsertAll(List.of(new VersionedRoom(secret, 1)));
        catalog.refresh();
        assertThat(catalog.list(RoomQuery.all()).total()).isEqualTo(4);
        assertThat(
                        catalog.list(RoomQuery.all().withVisibilities(java.util.Set.of("public")))
                                .items())
                .containsExactly(evening, music, morning);
        assertThat(
                        catalog.list(RoomQuery.all().withVisibilities(java.util.Set.of("PRIVATE")))
                                .items())
                .containsExactly(secret);
    }

    @Test
    void sessionsOfARoomNewestFirst() {
        seed();
        assertThat(catalog.sessions("tech")).containsExactly(evening, morning);
        assertThat(catalog.sessions("music")).containsExactly(music);
        assertThat(catalog.sessions("empty")).isEmpty();
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() {
        RoomDocument v5 = room("tech", "s9", "Version five", 0, true, "alice");
        RoomDocument v3 = room("tech", "s9", "Version three", 0, true, "alice");
        RoomDocument v5replay = room("tech", "s9", "Version five, replayed", 0, true, "alice");
        RoomDocument v6 = room("tech", "s9", "Version six", 0, false, "alice", "bob");

        catalog.upsertAll(List.of(new VersionedRoom(v5, 5)));
        catalog.upsertAll(List.of(new VersionedRoom(v3, 3))); // stale: skipped, no error
        assertThat(catalog.get("tech", "s9").orElseThrow().title()).isEqualTo("Version five");

        catalog.upsertAll(List.of(new VersionedRoom(v5replay, 5))); // same version: accepted
        assertThat(catalog.get("tech", "s9").orElseThrow().title())
                .isEqualTo("Version five, replayed");

        // a batch mixing a stale and a new document writes the new one
        catalog.upsertAll(
                List.of(
                        new VersionedRoom(v3, 3),
                        new VersionedRoom(v6, 6),
                        new VersionedRoom(music, 2)));
        assertThat(catalog.get("tech", "s9")).contains(v6);
        assertThat(catalog.get("music", "s1")).contains(music);
    }

    @Test
    void writingWithoutTheAliasNamesTheDocumentsAndCreatesNothing() throws Exception {
        IndexDefinition missing =
                Indexes.ROOMS.withAlias(ElasticsearchTestCluster.uniqueAlias("missing"));
        ElasticsearchRoomCatalog nowhere =
                new ElasticsearchRoomCatalog(client, missing, RetryPolicy.defaults());
        assertThatThrownBy(() -> nowhere.upsertAll(List.of(new VersionedRoom(morning, 1))))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining("tech:s1")
                .satisfies(
                        e -> {
                            IndexException failure = (IndexException) e;
                            assertThat(failure.retriable()).isFalse();
                            assertThat(failure.documentIds()).containsExactly("tech:s1");
                        });
        assertThat(client.indices().exists(x -> x.index(missing.alias())).value()).isFalse();
    }

    @Test
    void mappingErrorsNameTheDocumentAndTheRestIsWritten() throws Exception {
        // an index whose mapping disagrees with the documents: title is a date there
        String alias = ElasticsearchTestCluster.uniqueAlias("clash");
        String concrete = alias + "-v1";
        client.indices()
                .create(
                        c ->
                                c.index(concrete)
                                        .withJson(
                                                new StringReader(
                                                        "{\"mappings\":{\"properties\":{\"title\":{\"type\":\"date\"}}}}"))
                                        .aliases(alias, a -> a));
        ElasticsearchRoomCatalog clash =
                new ElasticsearchRoomCatalog(
                        client, Indexes.ROOMS.withAlias(alias), RetryPolicy.defaults());
        RoomDocument dated = room("dated", "s1", "2026-11-25", 0, true);
        assertThatThrownBy(
                        () ->
                                clash.upsertAll(
                                        List.of(
                                                new VersionedRoom(morning, 1),
                                                new VersionedRoom(dated, 1))))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining(
                        "refused 1 room document(s): tech:s1 (document_parsing_exception")
                .satisfies(
                        e ->
                                assertThat(((IndexException) e).documentIds())
                                        .containsExactly("tech:s1"));
        assertThat(clash.get("dated", "s1")).isPresent();
    }
}
