package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.TranscriptDocument;
import io.aircheck.storage.VersionedTranscript;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transcripts index on the embedded Elasticsearch node. */
class ElasticsearchTranscriptIndexITCase {
    private static final long T0 = 1_764_000_000_000L;

    private final ElasticsearchClient client = ElasticsearchTestCluster.client();
    private IndexDefinition transcripts;
    private ElasticsearchTranscriptIndex index;

    @BeforeEach
    void freshIndex() {
        transcripts =
                Indexes.TRANSCRIPTS.withAlias(ElasticsearchTestCluster.uniqueAlias("transcripts"));
        IndexBootstrap.ensure(client, transcripts);
        index = new ElasticsearchTranscriptIndex(client, transcripts, RetryPolicy.defaults());
    }

    private static TranscriptDocument doc(
            String id, String speaker, long startMs, String text, boolean consent) {
        return new TranscriptDocument(
                id,
                "room",
                "s1",
                speaker,
                speaker.toUpperCase(),
                T0 + startMs,
                T0 + startMs + 2000,
                text,
                List.of(
                        new TranscriptDocument.Word(
                                text.split(" ")[0], T0 + startMs, T0 + startMs + 300, 0.9)),
                "PUBLIC",
                consent,
                "Planning room");
    }

    private List<String> search(String phrase) throws Exception {
        index.refresh();
        SearchResponse<Map> response =
                client.search(
                        s ->
                                s.index(transcripts.alias())
                                        .query(
                                                q ->
                                                        q.matchPhrase(
                                                                m ->
                                                                        m.field("text")
                                                                                .query(phrase))),
                        Map.class);
        return response.hits().hits().stream().map(Hit::id).sorted().toList();
    }

    @Test
    void segmentsAreStoredUnderTheirIdsAndFoundByStemmedPhrases() throws Exception {
        index.upsertAll(
                List.of(
                        new VersionedTranscript(
                                doc(
                                        "a1",
                                        "alice",
                                        0,
                                        "the quarterly budget review starts on monday",
                                        true),
                                1),
                        new VersionedTranscript(
                                doc("b1", "bob", 3000, "solar panels produce energy", true), 2)));
        assertThat(search("budget reviews")).containsExactly("a1");
        assertThat(search("solar panel")).containsExactly("b1");
        TranscriptDocument stored = index.get("a1").orElseThrow();
        assertThat(stored.speakerName()).isEqualTo("ALICE");
        assertThat(stored.words()).hasSize(1);
        assertThat(stored.words().get(0).confidence()).isEqualTo(0.9);
    }

    @Test
    void eachSegmentsCardIsInItsDocValuesAndNotInItsSource() throws Exception {
        TranscriptDocument a1 = doc("a1", "alice", 0, "the quarterly budget review", true);
        index.upsertAll(List.of(new VersionedTranscript(a1, 1)));
        index.refresh();
        SearchResponse<Map> response =
                client.search(
                        s ->
                                s.index(transcripts.alias())
                                        .storedFields("_none_")
                                        .docvalueFields(f -> f.field("card")),
                        Map.class);
        assertThat(response.hits().hits()).hasSize(1);
        String card =
                response.hits()
                        .hits()
                        .get(0)
                        .fields()
                        .get("card")
                        .toJson()
                        .asJsonArray()
                        .getString(0);
        TranscriptDocument read = SegmentCard.fromBase64(card);
        assertThat(read.words()).isEmpty();
        assertThat(read).usingRecursiveComparison().ignoringFields("words").isEqualTo(a1);
        assertThat(read.text()).isEqualTo("the quarterly budget review");

        SearchResponse<Map> sources = client.search(s -> s.index(transcripts.alias()), Map.class);
        assertThat(sources.hits().hits().get(0).source())
                .doesNotContainKey("card")
                .containsKey("words");
    }

    @Test
    void aReplayOverwritesAndAnOlderVersionNeverWins() throws Exception {
        index.upsertAll(
                List.of(new VersionedTranscript(doc("a1", "alice", 0, "budget review", false), 5)));
        index.upsertAll(
                List.of(new VersionedTranscript(doc("a1", "alice", 0, "budget review", true), 3)));
        assertThat(index.get("a1").orElseThrow().consent()).isFalse();
        index.upsertAll(
                List.of(new VersionedTranscript(doc("a1", "alice", 0, "budget review", true), 5)));
        assertThat(index.get("a1").orElseThrow().consent()).isTrue();
        assertThat(search("budget review")).containsExactly("a1");
    }

    @Test
    void writingBeforeTheIndexExistsFailsWithAReason() {
        ElasticsearchTranscriptIndex nowhere =
                new ElasticsearchTranscriptIndex(
                        client,
                        Indexes.TRANSCRIPTS.withAlias(
                                ElasticsearchTestCluster.uniqueAlias("missing")),
                        RetryPolicy.none());
        assertThatThrownBy(
                        () ->
                                nowhere.upsertAll(
                                        List.of(
                                                new VersionedTranscript(
                                                        doc("x", "x", 0, "x", true), 1))))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining("missing");
    }
}
