package io.aircheck.storage.export;

import io.aircheck.storage.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bundle-manifest.json}: written by hand so the same manifest always gives the same bytes
 * (the signature covers them): fields in a fixed order, one session and one file per line. Read
 * back with Jackson. Pure.
 */
public final class BundleManifestJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private BundleManifestJson() {}

    public static byte[] write(BundleManifest m) {
        StringBuilder json = new StringBuilder(1024 + 400 * m.files().size());
        json.append("{\n");
        line(json, "format", CanonicalJson.quote(BundleManifest.FORMAT));
        line(json, "exportId", CanonicalJson.quote(m.exportId()));
        line(json, "root", CanonicalJson.quote(m.root()));
        line(json, "caseReference", CanonicalJson.quote(m.caseReference()));
        line(json, "requestedBy", CanonicalJson.quote(m.requestedBy()));
        line(json, "createdAt", CanonicalJson.quote(m.createdAt().toString()));
        line(json, "scope", scope(m.scope()));
        line(json, "keyId", CanonicalJson.quote(m.keyId()));
        json.append("  \"sessions\": [");
        for (int i = 0; i < m.sessions().size(); i++) {
            json.append(i == 0 ? "\n    " : ",\n    ").append(session(m.sessions().get(i)));
        }
        json.append(m.sessions().isEmpty() ? "],\n" : "\n  ],\n");
        json.append("  \"files\": [");
        for (int i = 0; i < m.files().size(); i++) {
            json.append(i == 0 ? "\n    " : ",\n    ").append(file(m.files().get(i)));
        }
        json.append(m.files().isEmpty() ? "]\n" : "\n  ]\n");
        json.append("}\n");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a manifest as written.
     *
     * @throws IllegalArgumentException when it is not a bundle manifest of this format
     */
    public static BundleManifest read(byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "bundle manifest is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !BundleManifest.FORMAT.equals(optText(root, "format"))) {
            throw new IllegalArgumentException("not an " + BundleManifest.FORMAT + " manifest");
        }
        JsonNode s = root.path("scope");
        ExportScope scope =
                new ExportScope(
                        text(s, "kind"),
                        optText(s, "roomId"),
                        optText(s, "sessionId"),
                        optText(s, "participantId"),
                        instant(optText(s, "from")),
                        instant(optText(s, "until")));
        List<BundleSession> sessions = new ArrayList<>();
        for (JsonNode n : root.path("sessions")) {
            sessions.add(
                    new BundleSession(
                            text(n, "roomId"),
                            text(n, "sessionId"),
                            optText(n, "recorderManifest"),
                            optText(n, "recorderHead"),
                            strings(n.path("recorderProblems")),
                            strings(n.path("missing"))));
        }
        List<BundleFile> files = new ArrayList<>();
        for (JsonNode n : root.path("files")) {
            JsonNode duration = n.path("durationUs");
            files.add(
                    new BundleFile(
                            text(n, "path"),
                            text(n, "kind"),
                            text(n, "contentType"),
                            n.path("sizeBytes").asLong(),
                            duration.isNumber() ? duration.asLong() : null,
                            text(n, "sha256"),
                            optText(n, "recorderSha256")));
        }
        BundleManifest manifest =
                new BundleManifest(
                        text(root, "exportId"),
                        text(root, "caseReference"),
                        text(root, "requestedBy"),
                        instant(text(root, "createdAt")),
                        scope,
                        text(root, "keyId"),
                        sessions,
                        files);
        if (!manifest.root().equals(optText(root, "root"))) {
            throw new IllegalArgumentException("bundle manifest root is not " + manifest.root());
        }
        return manifest;
    }

    private static void line(StringBuilder json, String name, String value) {
        json.append("  ")
                .append(CanonicalJson.quote(name))
                .append(": ")
                .append(value)
                .append(",\n");
    }

    private static String scope(ExportScope s) {
        return new CanonicalJson()
                .field("kind", s.kind())
                .field("roomId", s.roomId())
                .field("sessionId", s.sessionId())
                .field("participantId", s.participantId())
                .field("from", s.from() == null ? null : s.from().toString())
                .field("until", s.until() == null ? null : s.until().toString())
                .toString();
    }

    private static String session(BundleSession s) {
        return new CanonicalJson()
                .field("roomId", s.roomId())
                .field("sessionId", s.sessionId())
                .field("recorderManifest", s.recorderManifest())
                .field("recorderHead", s.recorderHead())
                .raw("recorderProblems", CanonicalJson.array(s.recorderProblems()))
                .raw("missing", CanonicalJson.array(s.missing()))
                .toString();
    }

    private static String file(BundleFile f) {
        return new CanonicalJson()
                .field("path", f.path())
                .field("kind", f.kind())
                .field("contentType", f.contentType())
                .field("sizeBytes", f.sizeBytes())
                .field("durationUs", f.durationUs())
                .field("sha256", f.sha256())
                .field("recorderSha256", f.recorderSha256())
                .field("matchesRecorder", f.matchesRecorder())
                .toString();
    }

    private static String text(JsonNode node, String field) {
        String value = optText(node, field);
        if (value == null) {
            throw new IllegalArgumentException("bundle manifest field '" + field + "' missing");
        }
        return value;
    }

    private static String optText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asString());
        }
        return out;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a time: " + text, e);
        }
    }
}
