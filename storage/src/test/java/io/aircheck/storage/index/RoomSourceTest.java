package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.JsonpUtils;
import io.aircheck.storage.RoomDocument;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomSourceTest {
    private static final JsonpMapper MAPPER = ElasticsearchClients.mapper();

    static RoomDocument room(Instant endedAt) {
        return new RoomDocument(
                "room-1",
                "s-1",
                "Morning show",
                "host-1",
                "public",
                List.of(new RoomDocument.Speaker("alice", "Alice A.")),
                Instant.parse("2026-11-25T10:00:00.123Z"),
                endedAt,
                3_600_000,
                endedAt == null,
                42,
                Instant.parse("2026-11-25T11:00:00Z"));
    }

    @Test
    void idIsRoomColonSession() {
        assertThat(RoomSource.id("room-1", "s-1")).isEqualTo("room-1:s-1");
    }

    @Test
    void roundTripsThroughTheClientsJson() {
        RoomDocument original = room(Instant.parse("2026-11-25T11:00:00.5Z"));
        String json = JsonpUtils.toJsonString(RoomSource.of(original), MAPPER);
        assertThat(json)
                .contains("\"startedAt\":1795600800123")
                .contains("\"speakerIds\":[\"alice\"]")
                .contains("\"participantId\":\"alice\"");
        RoomSource back;
        try (JsonParser parser = MAPPER.jsonProvider().createParser(new StringReader(json))) {
            back = MAPPER.deserialize(parser, RoomSource.class);
        }
        assertThat(back.toDocument()).isEqualTo(original);
    }

    @Test
    void liveSessionHasNoEndAndNullsAreLeftOut() {
        RoomDocument live = room(null);
        String json = JsonpUtils.toJsonString(RoomSource.of(live), MAPPER);
        assertThat(json).doesNotContain("endedAt");
        RoomSource back;
        try (JsonParser parser = MAPPER.jsonProvider().createParser(new StringReader(json))) {
            back = MAPPER.deserialize(parser, RoomSource.class);
        }
        assertThat(back.toDocument()).isEqualTo(live);
    }

    @Test
    void unknownFieldsFromANewerWriterAreIgnored() {
        String json =
                "{\"roomId\":\"r\",\"sessionId\":\"s\",\"startedAt\":0,\"updatedAt\":0,"
                        + "\"durationMs\":0,\"live\":true,\"listenerPeak\":0,\"futureField\":1}";
        RoomSource back;
        try (JsonParser parser = MAPPER.jsonProvider().createParser(new StringReader(json))) {
            back = MAPPER.deserialize(parser, RoomSource.class);
        }
        assertThat(back.toDocument().roomId()).isEqualTo("r");
        assertThat(back.toDocument().speakers()).isEmpty();
    }
}
