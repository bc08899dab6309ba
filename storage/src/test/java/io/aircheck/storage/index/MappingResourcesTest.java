package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MappingResourcesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final java.util.List<IndexDefinition> ALL = Indexes.ALL;

    private static JsonNode read(IndexDefinition definition) throws Exception {
        try (InputStream in = definition.openMapping()) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void everyMappingParsesAndIsStrict(IndexDefinition definition) throws Exception {
        JsonNode root = read(definition);
        assertThat(root.has("settings")).isTrue();
        JsonNode mappings = root.get("mappings");
        assertThat(mappings.get("dynamic").asString()).isEqualTo("strict");
        assertThat(mappings.get("_meta").get("aircheck_index").asString())
                .isEqualTo(definition.alias());
        assertThat(mappings.get("_meta").get("version").asInt()).isEqualTo(definition.version());
    }

    @Test
    void roomsMapping() throws Exception {
        JsonNode p = read(Indexes.ROOMS).get("mappings").get("properties");
        for (String keyword :
                new String[] {"roomId", "sessionId", "hostId", "visibility", "speakerIds"}) {
            assertThat(p.get(keyword).get("type").asString()).as(keyword).isEqualTo("keyword");
        }
        assertThat(p.get("title").get("analyzer").asString()).isEqualTo("english");
        assertThat(p.get("title").get("fields").get("exact").get("type").asString())
                .isEqualTo("keyword");
        JsonNode speakers = p.get("speakers");
        assertThat(speakers.get("type").asString()).isEqualTo("nested");
        assertThat(speakers.get("properties").get("participantId").get("type").asString())
                .isEqualTo("keyword");
        assertThat(speakers.get("properties").get("displayName").get("type").asString())
                .isEqualTo("text");
        for (String date : new String[] {"startedAt", "endedAt", "updatedAt"}) {
            assertThat(p.get(date).get("type").asString()).isEqualTo("date");
            assertThat(p.get(date).get("format").asString()).startsWith("epoch_millis");
        }
        assertThat(p.get("durationMs").get("type").asString()).isEqualTo("long");
        assertThat(p.get("live").get("type").asString()).isEqualTo("boolean");
        assertThat(p.get("listenerPeak").get("type").asString()).isEqualTo("integer");
    }

    @Test
    void roomsMappingCoversEveryStoredField() throws Exception {
        JsonNode p = read(Indexes.ROOMS).get("mappings").get("properties");
        for (var component : RoomSource.class.getRecordComponents()) {
            assertThat(p.has(component.getName())).as(component.getName()).isTrue();
        }
    }

    @Test
    void transcriptsMapping() throws Exception {
        JsonNode p = read(Indexes.TRANSCRIPTS).get("mappings").get("properties");
        for (String keyword :
                new String[] {
                    "segmentId", "roomId", "sessionId", "participantId", "speakerName", "visibility"
                }) {
            assertThat(p.get(keyword).get("type").asString()).as(keyword).isEqualTo("keyword");
        }
        assertThat(p.get("startMs").get("type").asString()).isEqualTo("long");
        assertThat(p.get("endMs").get("type").asString()).isEqualTo("long");
        assertThat(p.get("text").get("analyzer").asString()).isEqualTo("english");
        JsonNode exact = p.get("text").get("fields").get("exact");
        assertThat(exact.get("type").asString()).isEqualTo("text");
        assertThat(exact.get("analyzer").asString()).isEqualTo("standard");
        assertThat(p.get("words").get("enabled").asBoolean()).isFalse();
        assertThat(p.get("consent").get("type").asString()).isEqualTo("boolean");
        assertThat(p.get("roomTitle").get("type").asString()).isEqualTo("text");
        assertThat(p.get("card").get("type").asString()).isEqualTo("binary");
        assertThat(p.get("card").get("doc_values").asBoolean()).isTrue();
        JsonNode source = read(Indexes.TRANSCRIPTS).get("mappings").get("_source");
        assertThat(source.get("excludes").get(0).asString()).isEqualTo("card");
    }

    @Test
    void definitionsNameTheirConcreteIndex() {
        assertThat(Indexes.ROOMS.concreteIndex()).isEqualTo("rooms-v1");
        assertThat(Indexes.TRANSCRIPTS.concreteIndex()).isEqualTo("transcripts-v1");
        IndexDefinition v2 = Indexes.ROOMS.nextVersion(Indexes.ROOMS.mappingResource());
        assertThat(v2.concreteIndex()).isEqualTo("rooms-v2");
        assertThat(v2.alias()).isEqualTo("rooms");
        assertThat(Indexes.ROOMS.withAlias("rooms-test").concreteIndex())
                .isEqualTo("rooms-test-v1");
    }

    @Test
    void badDefinitionsAreRejected() {
        assertThatThrownBy(() -> new IndexDefinition("Rooms", 1, "x.json"))
                .hasMessageContaining("alias");
        assertThatThrownBy(() -> new IndexDefinition("rooms", 0, "x.json"))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> new IndexDefinition("rooms", 1, "missing.json").openMapping())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.json");
    }
}
