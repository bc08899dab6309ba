package io.aircheck.api.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.storage.CanonicalJson;
import io.aircheck.storage.export.ExportRequest;
import io.aircheck.storage.export.ExportScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An export's request as kept in the bucket ({@code exports/{id}/request.json}): the request, and
 * who made it (name and role), so any search-api instance can serve it and check its owner.
 */
record ExportRecord(ExportRequest request, String ownerName, String ownerRole) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String prefix(String exportId) {
        return "exports/" + exportId + "/";
    }

    static String requestKey(String exportId) {
        return prefix(exportId) + "request.json";
    }

    static String manifestKey(String exportId) {
        return prefix(exportId) + "bundle-manifest.json";
    }

    static String signatureKey(String exportId) {
        return prefix(exportId) + "bundle-manifest.json.sig";
    }

    static String failedKey(String exportId) {
        return prefix(exportId) + "failed.json";
    }

    byte[] toJson() {
        ExportScope s = request.scope();
        List<String> sessions =
                request.sessions().stream().map(x -> x.roomId() + "/" + x.sessionId()).toList();
        String json =
                new CanonicalJson()
                        .field("format", "aircheck-export-request/1")
                        .field("exportId", request.exportId())
                        .field("caseReference", request.caseReference())
                        .field("requestedBy", request.requestedBy())
                        .field("ownerName", ownerName)
                        .field("ownerRole", ownerRole)
                        .field("createdAt", request.createdAt().toString())
                        .raw(
                                "scope",
                                new CanonicalJson()
                                        .field("kind", s.kind())
                                        .field("roomId", s.roomId())
                                        .field("sessionId", s.sessionId())
                                        .field("participantId", s.participantId())
                                        .field(
                                                "from",
                                                s.from() == null ? null : s.from().toString())
                                        .field(
                                                "until",
                                                s.until() == null ? null : s.until().toString())
                                        .toString())
                        .raw("sessions", CanonicalJson.array(sessions))
                        .toString();
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static ExportRecord read(byte[] bytes) {
        try {
            JsonNode n = JSON.readTree(bytes);
            JsonNode s = n.path("scope");
            ExportScope scope =
                    new ExportScope(
                            s.path("kind").asText(),
                            text(s, "roomId"),
                            text(s, "sessionId"),
                            text(s, "participantId"),
                            s.hasNonNull("from") ? Instant.parse(s.get("from").asText()) : null,
                            s.hasNonNull("until") ? Instant.parse(s.get("until").asText()) : null);
            List<ExportRequest.Session> sessions = new ArrayList<>();
            for (JsonNode x : n.path("sessions")) {
                String[] parts = x.asText().split("/", 2);
                sessions.add(new ExportRequest.Session(parts[0], parts[1]));
            }
            ExportRequest request =
                    new ExportRequest(
                            n.path("exportId").asText(),
                            n.path("caseReference").asText(),
                            n.path("requestedBy").asText(),
                            Instant.parse(n.path("createdAt").asText()),
                            scope,
                            sessions);
            return new ExportRecord(
                    request, n.path("ownerName").asText(), n.path("ownerRole").asText());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "an export request in the bucket cannot be read: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
