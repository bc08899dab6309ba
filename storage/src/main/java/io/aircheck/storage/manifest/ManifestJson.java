package io.aircheck.storage.manifest;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code manifest.json}: written by hand so that the same manifest always gives the same bytes
 * (fields in a fixed order, one entry per line); read back with Jackson. Pure.
 *
 * <pre>
 * {
 *   "format": "aircheck-manifest/1",
 *   "roomId": "...", "sessionId": "...", "startUs": 0, "endUs": 0,
 *   "genesis": "hex",
 *   "entries": [
 *     {"key": "...", "kind": "segment", "contentType": "...", "sizeBytes": 0, "durationUs": 0,
 *      "startUs": 0, "participantId": "", "trackId": "", "sha256": "hex", "link": "hex"},
 *   ],
 *   "head": "hex"
 * }
 * </pre>
 */
public final class ManifestJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ManifestJson() {}

    public static String write(Manifest m) {
        StringBuilder json = new StringBuilder(256 + 400 * m.entries().size());
        json.append("{\n  \"format\": ").append(quote(HashChain.FORMAT)).append(",\n");
        json.append("  \"roomId\": ").append(quote(m.roomId())).append(",\n");
        json.append("  \"sessionId\": ").append(quote(m.sessionId())).append(",\n");
        json.append("  \"startUs\": ").append(m.startUs()).append(",\n");
        json.append("  \"endUs\": ").append(m.endUs()).append(",\n");
        json.append("  \"genesis\": ").append(quote(m.genesis())).append(",\n");
        json.append("  \"entries\": [");
        for (int i = 0; i < m.entries().size(); i++) {
            ManifestEntry e = m.entries().get(i);
            json.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"key\": ")
                    .append(quote(e.key()))
                    .append(", \"kind\": ")
                    .append(quote(e.kind()))
                    .append(", \"contentType\": ")
                    .append(quote(e.contentType()))
                    .append(", \"sizeBytes\": ")
                    .append(e.sizeBytes())
                    .append(", \"durationUs\": ")
                    .append(e.durationUs())
                    .append(", \"startUs\": ")
                    .append(e.startUs())
                    .append(", \"participantId\": ")
                    .append(quote(e.participantId()))
                    .append(", \"trackId\": ")
                    .append(quote(e.trackId()))
                    .append(", \"sha256\": ")
                    .append(quote(e.sha256()))
                    .append(", \"link\": ")
                    .append(quote(m.links().get(i)))
                    .append('}');
        }
        json.append(m.entries().isEmpty() ? "],\n" : "\n  ],\n");
        json.append("  \"head\": ").append(quote(m.head())).append("\n}\n");
        return json.toString();
    }

    /**
     * Reads a manifest as written, links as stored (check them with {@link Manifest#verify()}).
     *
     * @throws IllegalArgumentException when it is not a manifest of this format
     */
    public static Manifest read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "manifest is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !HashChain.FORMAT.equals(text(root, "format"))) {
            throw new IllegalArgumentException("not an " + HashChain.FORMAT + " manifest");
        }
        List<ManifestEntry> entries = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (JsonNode e : root.path("entries")) {
            entries.add(
                    new ManifestEntry(
                            text(e, "key"),
                            text(e, "kind"),
                            text(e, "contentType"),
                            e.path("sizeBytes").asLong(),
                            e.path("durationUs").asLong(),
                            e.path("startUs").asLong(),
                            text(e, "participantId"),
                            text(e, "trackId"),
                            text(e, "sha256")));
            links.add(text(e, "link"));
        }
        Manifest manifest =
                new Manifest(
                        text(root, "roomId"),
                        text(root, "sessionId"),
                        root.path("startUs").asLong(),
                        root.path("endUs").asLong(),
                        entries,
                        links);
        String head = text(root, "head");
        if (!manifest.head().equals(head)) {
            throw new IllegalArgumentException(
                    "manifest head " + head + " is not its last link " + manifest.head());
        }
        return manifest;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("manifest field '" + field + "' missing");
        }
        return value.asString();
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
