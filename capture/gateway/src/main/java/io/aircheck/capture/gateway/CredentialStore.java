package io.aircheck.capture.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest credentials in force. With a credentials file, {@link #reload()} re-reads it when its
 * content changed: removed names are revoked at once (listeners close their connections); a file
 * that does not parse leaves the credentials as they were and is reported by {@link #problem()}.
 */
final class CredentialStore {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);

    private final Path file;
    private final String inline;
    private final List<Consumer<Set<String>>> revocationListeners = new CopyOnWriteArrayList<>();
    private volatile IngestCredentials current;
    private volatile String problem;
    private String lastText;

    private CredentialStore(IngestCredentials initial, Path file, String inline, String text) {
        this.current = initial;
        this.file = file;
        this.inline = inline;
        this.lastText = text;
    }

    /** Fixed credentials (no file). */
    static CredentialStore fixed(IngestCredentials credentials) {
        return new CredentialStore(credentials, null, null, null);
    }

    /** Credentials from {@code file} (as at start-up, already checked) plus {@code inline}. */
    static CredentialStore watching(IngestCredentials initial, Path file, String inline) {
        return new CredentialStore(initial, file, inline, readQuietly(file));
    }

    Optional<String> sourceFor(String token) {
        return current.sourceFor(token);
    }

    boolean isActive(String name) {
        return current.has(name);
    }

    List<String> names() {
        return current.names();
    }

    /** Why the last reload was not taken, or null. */
    String problem() {
        return problem;
    }

    void onRevoked(Consumer<Set<String>> listener) {
        revocationListeners.add(listener);
    }

    /** Re-reads the file if it changed; returns the names it revoked. */
    synchronized Set<String> reload() {
        if (file == null) {
            return Set.of();
        }
        String text = readQuietly(file);
        if (text == null) {
            problem = "cannot read " + file;
            return Set.of();
        }
        if (text.equals(lastText)) {
            return Set.of();
        }
        lastText = text;
        List<String> problems = new ArrayList<>();
        Optional<IngestCredentials> parsed = CredentialsFile.parse(text, inline, problems);
        if (parsed.isEmpty()) {
            problem = file + ": " + String.join("; ", problems) + " (kept the credentials before)";
            LOG.error("ingest credentials not reloaded: {}", problem);
            return Set.of();
        }
        problem = null;
        Set<String> revoked = new TreeSet<>(current.names());
        revoked.removeAll(parsed.get().names());
        current = parsed.get();
        LOG.info(
                "ingest credentials reloaded from {}: {} (revoked: {})",
                file,
                current.names(),
                revoked);
        if (!revoked.isEmpty()) {
            for (Consumer<Set<String>> listener : revocationListeners) {
                listener.accept(revoked);
            }
        }
        return revoked;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
