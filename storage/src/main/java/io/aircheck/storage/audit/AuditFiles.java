package io.aircheck.storage.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit archive's objects back as found (nothing is trusted: the verifier compares what
 * was read with what it recomputes). Pure.
 */
public final class AuditFiles {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private AuditFiles() {}

    /** A batch as stored: its header, entries with their stored links, and trailer. */
    public record StoredBatch(
            long seq,
            String previous,
            long count,
            List<AuditEntry> entries,
            List<String> links,
            byte[] body,
            String sha256,
            String keyId,
            String signature) {}

    /**
     * @throws IllegalArgumentException naming the line that is not what a batch holds
     */
    public static StoredBatch readBatch(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("does not end with a newline (truncated?)");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 2) {
            throw new IllegalArgumentException("has no header and trailer");
        }
        JsonNode header = json(lines[0], "line 1 (header)");
        if (!AuditBatch.FORMAT.equals(header.path("format").asString(""))) {
            throw new IllegalArgumentException("line 1 is not an " + AuditBatch.FORMAT + " header");
        }
        List<AuditEntry> entries = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (int i = 1; i < lines.length - 1; i++) {
            JsonNode line = json(lines[i], "line " + (i + 1));
            JsonNode event = line.get("event");
            int partition = line.path("partition").asInt(-1);
            long offset = line.path("offset").asLong(-1);
            entries.add(
                    event != null && event.isObject()
                            ? AuditEntry.of(partition, offset, record(event))
                            : AuditEntry.refused(
                                    partition,
                                    offset,
                                    line.path("rejected").asString(""),
                                    line.path("valueSha256").asString("")));
            links.add(line.path("link").asString(""));
        }
        JsonNode trailer = json(lines[lines.length - 1], "the trailer");
        int bodyLength = text.length() - lines[lines.length - 1].length() - 1;
        byte[] body = text.substring(0, bodyLength).getBytes(StandardCharsets.UTF_8);
        return new StoredBatch(
                header.path("seq").asLong(-1),
                header.path("previous").asString(""),
                header.path("count").asLong(-1),
                entries,
                links,
                body,
                trailer.path("sha256").asString(""),
                optText(trailer, "keyId"),
                optText(trailer, "signature"));
    }

    /**
     * @throws IllegalArgumentException when it is not a head object
     */
    public static AuditHead readHead(byte[] bytes) {
        JsonNode head = json(new String(bytes, StandardCharsets.UTF_8), "the head");
        if (!AuditHead.FORMAT.equals(head.path("format").asString(""))) {
            throw new IllegalArgumentException("not an " + AuditHead.FORMAT + " object");
        }
        Map<Integer, Long> offsets = new HashMap<>();
        head.path("lastOffsets")
                .properties()
                .forEach(e -> offsets.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
        return new AuditHead(
                head.path("seq").asLong(-1),
                head.path("sha256").asString(""),
                head.path("entries").asLong(-1),
                offsets,
                optText(head, "keyId"),
                optText(head, "signature"));
    }

    static AuditRecord record(JsonNode e) {
        return new AuditRecord(
                e.path("eventId").asString(""),
                e.path("atMs").asLong(),
                e.path("actor").asString(""),
                e.path("actorRole").asString(""),
                e.path("credential").asString(""),
                e.path("action").asString(""),
                e.path("outcome").asString(""),
                e.path("status").asInt(),
                e.path("caseReference").asString(""),
                e.path("origin").asString(""),
                e.path("service").asString(""),
                e.path("roomId").asString(""),
                e.path("sessionId").asString(""),
                e.path("participantId").asString(""),
                e.path("resource").asString(""),
                e.path("detail").asString(""),
                e.path("userAgent").asString(""));
    }

    private static JsonNode json(String line, String what) {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String optText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isString() ? null : v.asString();
    }
}
