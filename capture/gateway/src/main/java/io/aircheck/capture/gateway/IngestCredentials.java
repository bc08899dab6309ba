package io.aircheck.capture.gateway;

import io.aircheck.protocol.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingest credentials: a name per source (recorded as the events' {@code source}) and its
 * secret. Read from {@code name:secret,name:secret}. {@link #toString()} never shows a secret.
 */
public final class IngestCredentials {
    public static final int MIN_SECRET_LENGTH = 16;

    private final Map<String, byte[]> secretsByName;

    private IngestCredentials(Map<String, byte[]> secretsByName) {
        this.secretsByName = secretsByName;
    }

    /**
     * Parses {@code name:secret,...}; every problem is added to {@code problems} without echoing a
     * secret. Returns null when there were problems.
     */
    public static IngestCredentials parse(String text, List<String> problems) {
        Map<String, byte[]> byName = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        String[] entries = text == null ? new String[0] : text.split(",");
        int position = 0;
        for (String raw : entries) {
            position++;
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                found.add("entry " + position + " is not name:secret");
                continue;
            }
            String name = entry.substring(0, colon).trim();
            String secret = entry.substring(colon + 1).trim();
            if (!Ids.isValid(name)) {
                found.add(
                        "entry "
                                + position
                                + ": name '"
                                + name
                                + "' is not a valid id ("
                                + Ids.RULE
                                + ")");
            } else if (secret.length() < MIN_SECRET_LENGTH) {
                found.add(
                        "the secret of '"
                                + name
                                + "' is shorter than "
                                + MIN_SECRET_LENGTH
                                + " characters");
            } else if (byName.containsKey(name)) {
                found.add("'" + name + "' is listed twice");
            } else {
                byName.put(name, secret.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (byName.isEmpty() && found.isEmpty()) {
            found.add("at least one name:secret is required");
        }
        problems.addAll(found);
        return found.isEmpty() ? new IngestCredentials(byName) : null;
    }

    public static IngestCredentials of(String name, String secret) {
        List<String> problems = new ArrayList<>();
        IngestCredentials credentials = parse(name + ":" + secret, problems);
        if (credentials == null) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return credentials;
    }

    /** The source name whose secret is {@code token}, compared in constant time. */
    public Optional<String> sourceFor(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, byte[]> entry : secretsByName.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), given)) {
                match = entry.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    /** The source names (never the secrets). */
    public List<String> names() {
        return List.copyOf(secretsByName.keySet());
    }

    @Override
    public String toString() {
        return "IngestCredentials" + names();
    }
}
