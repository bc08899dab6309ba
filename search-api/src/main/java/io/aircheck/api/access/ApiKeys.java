package io.aircheck.api.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The API keys an operator configured, as {@code name:role:secret} entries. Secrets are compared in
 * constant time.
 */
public final class ApiKeys {
    private record Key(String name, Role role, byte[] secret) {}

    private final List<Key> keys;

    private ApiKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Parses {@code name:role:secret,...}; throws IllegalArgumentException saying what is wrong.
     */
    public static ApiKeys parse(String text) {
        List<Key> keys = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new ApiKeys(keys);
        }
        for (String entry : text.split(",")) {
            String[] parts = entry.trim().split(":", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException(
                        "API key entry '" + redact(entry) + "' is not name:role:secret");
            }
            Role role;
            try {
                role = Role.valueOf(parts[1].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "API key '"
                                + parts[0]
                                + "' has unknown role '"
                                + parts[1]
                                + "' (listener, researcher, auditor, admin)");
            }
            if (parts[2].length() < 16) {
                throw new IllegalArgumentException(
                        "API key '" + parts[0] + "': secret must have at least 16 characters");
            }
            keys.add(new Key(parts[0].trim(), role, parts[2].getBytes(StandardCharsets.UTF_8)));
        }
        return new ApiKeys(keys);
    }

    /** The caller a presented secret identifies, if any. */
    public Optional<Caller> identify(String secret) {
        byte[] presented = secret.getBytes(StandardCharsets.UTF_8);
        Caller found = null;
        for (Key key : keys) {
            if (MessageDigest.isEqual(key.secret(), presented)) {
                found = new Caller(key.name(), key.role(), false);
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return keys.size();
    }

    private static String redact(String entry) {
        int colon = entry.indexOf(':');
        return colon < 0 ? "…" : entry.substring(0, colon) + ":…";
    }
}
