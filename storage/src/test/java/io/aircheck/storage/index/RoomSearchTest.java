package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpUtils;
import io.aircheck.storage.RoomQuery;
import org.junit.jupiter.api.Test;

class RoomSearchTest {

    private static String json(SearchRequest request) {
        return JsonpUtils.toJsonString(request, ElasticsearchClients.mapper());
    }

    @Test
    void unfilteredListIsNewestFirstWithExactTotals() {
        SearchRequest request = RoomSearch.list("rooms", RoomQuery.all().page(40, 20));
        assertThat(request.index()).containsExactly("rooms");
        String body = json(request);
        assertThat(body)
                .contains("\"from\":40")
                .contains("\"size\":20")
                .contains("\"track_total_hits\":true")
                .contains("{\"startedAt\":{\"order\":\"desc\"}}")
                .doesNotContain("\"term\"");
    }

    @Test
    void filtersAreTermFilters() {
        String body =
                json(
                        RoomSearch.list(
                                "rooms",
                                RoomQuery.all()
                                        .withLive(false)
                                        .withRoomId("r1")
                                        .withSpeakerId("alice")));
        assertThat(body)
                .contains("{\"term\":{\"live\":{\"value\":false}}}")
                .contains("{\"term\":{\"roomId\":{\"value\":\"r1\"}}}")
                .contains("{\"term\":{\"speakerIds\":{\"value\":\"alice\"}}}");
    }

    @Test
    void sessionsOfARoom() {
        String body = json(RoomSearch.sessions("rooms", "r1"));
        assertThat(body)
                .contains("{\"term\":{\"roomId\":{\"value\":\"r1\"}}}")
                .contains("\"size\":10000")
                .contains("{\"startedAt\":{\"order\":\"desc\"}}");
    }
}
