package io.aircheck.api.search.es;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import io.aircheck.api.search.HighlightMarkup;
import io.aircheck.api.search.Scope;
import io.aircheck.api.search.SearchQuery;
import io.aircheck.api.search.SearchText;
import io.aircheck.api.search.Segment;
import io.aircheck.api.search.Sort;
import io.aircheck.api.search.TranscriptIndex.Match;
import io.aircheck.api.search.TranscriptIndex.Neighbours;
import io.aircheck.api.testing.IndexedSegments;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.IndexDefinition;
import io.aircheck.storage.index.Indexes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An index holding segments written before cards were (an index of an earlier build, until a
 * rebuild): searches and their context still find and show every segment, read from the sources.
 */
class SegmentsWithoutCardsITCase {
    private static ElasticsearchTranscriptIndex transcripts;

    private static Segment segment(String id, long startMs, String text) {
        return new Segment(
                id,
                "harbour",
                "s1",
                "p-bob",
                "Bob",
                startMs,
                startMs + 2000,
                text,
                List.of(),
                "PUBLIC",
                true,
                "Harbour forum");
    }

    @BeforeAll
    static void indexSegmentsWithAndWithoutCards() throws Exception {
        ElasticsearchClient es =
                ElasticsearchClients.connect(
                        new ElasticsearchSettings(
                                SharedTestServers.elasticsearch().url(), null, null));
        String alias = "cardless-" + System.nanoTime();
        IndexDefinition index = Indexes.TRANSCRIPTS.withAlias(alias);
        IndexBootstrap.ensure(es, index);
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(alias).refresh(Refresh.True);
        for (Segment s :
                List.of(
                        segment("c1", 1_000, "welcome to the harbour forum"),
                        segment("c3", 5_000, "we measure salinity in the estuary"))) {
            bulk.operations(
                    o -> o.index(x -> x.id(s.segmentId()).document(IndexedSegments.source(s))));
        }
        // written by an earlier build: no card
        Segment old = segment("c2", 3_000, "the tidal barrier protects the harbour");
        Map<String, Object> source =
                Map.of(
                        "segmentId", old.segmentId(),
                        "roomId", old.roomId(),
                        "sessionId", old.sessionId(),
                        "participantId", old.participantId(),
                        "speakerName", old.speakerName(),
                        "startMs", old.startMs(),
                        "endMs", old.endMs(),
                        "text", old.text(),
                        "visibility", old.visibility(),
                        "consent", true);
        bulk.operations(o -> o.index(x -> x.id(old.segmentId()).document(source)));
        assertThat(es.bulk(bulk.build()).errors()).isFalse();
        transcripts = new ElasticsearchTranscriptIndex(es, index, Indexes.ROOMS);
    }

    private static List<Match> search(String q) {
        SearchText text = SearchText.parse(q);
        return transcripts
                .search(
                        new SearchQuery(
                                text, null, null, null, null, null, null, Sort.RELEVANCE, 1, 20),
                        Scope.EVERYTHING)
                .matches();
    }

    @Test
    void hitsWithAndWithoutCardsAreFoundAndMarked() {
        List<Match> hits = search("harbour");
        assertThat(hits)
                .extracting(m -> m.segment().segmentId())
                .containsExactlyInAnyOrder("c1", "c2");
        for (Match m : hits) {
            assertThat(m.segment().text()).isNotBlank();
            assertThat(m.markedText())
                    .contains(HighlightMarkup.START + "harbour" + HighlightMarkup.END);
        }
        Match carded = search("salinity").get(0);
        assertThat(carded.segment().segmentId()).isEqualTo("c3");
        assertThat(carded.segment().speakerName()).isEqualTo("Bob");
        assertThat(carded.markedText())
                .isEqualTo(
                        "we measure "
                                + HighlightMarkup.START
                                + "salinity"
                                + HighlightMarkup.END
                                + " in the estuary");
    }

    @Test
    void contextIncludesSegmentsWithoutCards() {
        Segment hit = search("salinity").get(0).segment();
        Neighbours around = transcripts.neighbours(List.of(hit), Scope.EVERYTHING, 2).get("c3");
        assertThat(around.before()).extracting(Segment::segmentId).containsExactly("c1", "c2");
        assertThat(around.before().get(1).text())
                .isEqualTo("the tidal barrier protects the harbour");

        Segment first = search("welcome").get(0).segment();
        Neighbours after = transcripts.neighbours(List.of(first), Scope.EVERYTHING, 2).get("c1");
        assertThat(after.after()).extracting(Segment::segmentId).containsExactly("c2", "c3");
    }
}
