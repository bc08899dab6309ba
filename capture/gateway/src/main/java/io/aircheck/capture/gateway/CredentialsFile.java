package io.aircheck.capture.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads ingest credentials from a file: one {@code name:secret} per line, {@code #} comments. */
final class CredentialsFile {
    private CredentialsFile() {}

    /**
     * The file's credentials plus those of {@code inline} (a {@code name:secret,...} text, or
     * null); problems (never a secret) are added to {@code problems}.
     */
    static Optional<IngestCredentials> read(Path file, String inline, List<String> problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add("cannot read " + file + ": " + e.getMessage());
            return Optional.empty();
        }
        return parse(text, inline, problems);
    }

    static Optional<IngestCredentials> parse(String text, String inline, List<String> problems) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            lines.add(trimmed.startsWith("#") ? "" : trimmed);
        }
        List<String> found = new ArrayList<>();
        IngestCredentials fromFile = IngestCredentials.parseEntries(lines, "line", false, found);
        IngestCredentials all = fromFile;
        if (fromFile != null && inline != null && !inline.isBlank()) {
            IngestCredentials fromEnv = IngestCredentials.parse(inline, found);
            all = fromEnv == null ? null : fromFile.plus(fromEnv, found);
        }
        problems.addAll(found);
        return found.isEmpty() ? Optional.ofNullable(all) : Optional.empty();
    }
}
