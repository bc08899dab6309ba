package io.aircheck.api.search.es;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.aircheck.api.search.Scope;
import io.aircheck.api.search.SearchQuery;
import io.aircheck.api.search.SearchText;
import io.aircheck.api.search.Segment;
import io.aircheck.api.search.Sort;
import io.aircheck.api.testing.IndexedSegments;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.IndexDefinition;
import io.aircheck.storage.index.Indexes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The marks this JVM puts on a hit's text are the node's own: for texts and searches with stems,
 * possessives, stop words, phrases, punctuation and accents, {@link MatchMarker} marks exactly what
 * the node's unified highlighter marks (the request searches made before cards).
 */
class MatchMarkerITCase {
    private static final List<String> TEXTS =
            List.of(
                    "the quarterly budget review starts on monday",
                    "Budgets, budgeting and the budget's owners",
                    "the tidal barrier was finished in nineteen eighty two",
                    "a tidal wave hit the barrier; the barrier held",
                    "the state of the art in tidal energy",
                    "state in an art gallery, and the art of the state",
                    "Running speakers ran; the speaker runs",
                    "« Café » naïve, café! au lait",
                    "we are measuring salinity in the estuary",
                    "don't stop the running of the tides, it's the tide's turn",
                    "e-mail the tidal-barrier team at 9:30",
                    "quarterly quarterly budget budget review review");

    private static final List<String> SEARCHES =
            List.of(
                    "budget",
                    "budgets review",
                    "\"quarterly budget\"",
                    "\"tidal barrier\"",
                    "tidal barrier",
                    "\"state of the art\"",
                    "running speaker",
                    "café",
                    "\"measuring salinity\" estuary",
                    "tide -energy",
                    "\"the tides\"",
                    "mail",
                    "\"e mail\"",
                    "\"tidal barrier team\"",
                    "\"tidal barrier\" team",
                    "\"budget review\" quarterly");

    private static ElasticsearchClient es;
    private static IndexDefinition index;

    @BeforeAll
    static void indexTheTexts() throws Exception {
        es =
                ElasticsearchClients.connect(
                        new ElasticsearchSettings(
                                SharedTestServers.elasticsearch().url(), null, null));
        index = Indexes.TRANSCRIPTS.withAlias("marker-" + System.nanoTime());
        IndexBootstrap.ensure(es, index);
        BulkRequest.Builder bulk =
                new BulkRequest.Builder()
                        .index(index.alias())
                        .refresh(co.elastic.clients.elasticsearch._types.Refresh.True);
        for (int i = 0; i < TEXTS.size(); i++) {
            Segment s =
                    new Segment(
                            "m" + i,
                            "room",
                            "s1",
                            "p1",
                            "Ann",
                            1000L * i,
                            1000L * i + 900,
                            TEXTS.get(i),
                            List.of(),
                            "PUBLIC",
                            true,
                            "Marks");
            bulk.operations(
                    o -> o.index(x -> x.id(s.segmentId()).document(IndexedSegments.source(s))));
        }
        assertThat(es.bulk(bulk.build()).errors()).isFalse();
    }

    @Test
    void everyMarkIsTheNodesMark() throws Exception {
        int compared = 0;
        List<String> differences = new ArrayList<>();
        for (String q : SEARCHES) {
            SearchText text = SearchText.parse(q);
            SearchQuery query =
                    new SearchQuery(
                            text, null, null, null, null, null, null, Sort.RELEVANCE, 1, 50);
            SearchResponse<SegmentSource> response =
                    es.search(
                            TranscriptQueries.search(
                                    index.alias(), query, Scope.EVERYTHING, List.of(), false),
                            SegmentSource.class);
            MatchMarker marker = MatchMarker.of(text);
            assertThat(response.hits().hits()).as(q).isNotEmpty();
            for (Hit<SegmentSource> hit : response.hits().hits()) {
                List<String> node = hit.highlight().get("text");
                String expected = node == null || node.isEmpty() ? null : node.get(0);
                String ours = marker.mark(hit.source().text());
                if (!java.util.Objects.equals(expected, ours)) {
                    differences.add(
                            q
                                    + " on '"
                                    + hit.source().text()
                                    + "': node "
                                    + show(expected)
                                    + ", ours "
                                    + show(ours));
                }
                compared++;
            }
        }
        assertThat(differences).isEmpty();
        assertThat(compared).isGreaterThan(20);
    }

    private static String show(String marked) {
        return marked == null ? "null" : marked.replace('\u0002', '[').replace('\u0003', ']');
    }
}
