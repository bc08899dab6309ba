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
        List<String> entries = text == null ? List.of() : List.of(text.split(","));
        return parseEntries(entries, "entry", true, problems);
    }

    /**
     * Parses {@code name:secret} entries ({@code unit} names them in messages: entry, line); blank
     * ones are skipped. Returns null when there were problems.
     */
    static IngestCredentials parseEntries(
            List<String> entries, String unit, boolean requireOne, List<String> problems) {
        Map<String, byte[]> byName = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        int position = 0;
        for (String raw : entries) {
            position++;
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                found.add(unit + " " + position + " is not name:secret");
                continue;
            }
            String name = entry.substring(0, colon).trim();
            String secret = entry.substring(colon + 1).trim();
            if (!Ids.isValid(name)) {
                found.add(
                        unit
                                + " "
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
        if (requireOne && byName.isEmpty() && found.isEmpty()) {
            found.add("at least one name:secret is required");
        }
        problems.addAll(found);
        return found.isEmpty() ? new IngestCredentials(byName) : null;
    }

    /** These credentials and {@code other}'s; a name in both is a problem. Null on problems. */
    IngestCredentials plus(IngestCredentials other, List<String> problems) {
        Map<String, byte[]> all = new LinkedHashMap<>(secretsByName);
        for (Map.Entry<String, byte[]> e : other.secretsByName.entrySet()) {
            if (all.putIfAbsent(e.getKey(), e.getValue()) != null) {
                problems.add("'" + e.getKey() + "' is listed twice");
                return null;
            }
        }
        return new IngestCredentials(all);
    }

    /** Whether a source of that name holds a credential (RTP streams check their binder's). */
    public boolean has(String name) {
        return secretsByName.containsKey(name);
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
