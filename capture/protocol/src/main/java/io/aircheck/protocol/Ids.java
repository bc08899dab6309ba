package io.aircheck.protocol;

import java.util.regex.Pattern;

/**
 * The rule for room, session, participant and track ids. They become Kafka keys, object-store path
 * segments and Elasticsearch ids, so they are restricted to a safe alphabet: letters, digits, '.',
 * '_', '@', '-', 1 to 128 characters, and not dots only.
 */
public final class Ids {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

    private Ids() {}

    public static boolean isValid(String id) {
        return id != null && SAFE.matcher(id).matches() && !id.chars().allMatch(c -> c == '.');
    }

    /** Returns {@code id}, or throws IllegalArgumentException naming {@code what} and the rule. */
    public static String require(String what, String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(
                    what + " '" + id + "' is not a valid id (" + RULE + ")");
        }
        return id;
    }

    public static final String RULE = "1-128 of A-Z a-z 0-9 . _ @ -, not only dots";
}
