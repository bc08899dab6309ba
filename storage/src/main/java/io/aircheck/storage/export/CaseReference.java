package io.aircheck.storage.export;

import java.util.regex.Pattern;

/**
 * A case reference, as auditors give it with an export, a legal hold or an audit-trail query: 1-128
 * printable characters (letters, digits, space and {@code . _ : / # - @}), not blank. It is written
 * into manifests, hold records and audit events, so it is restricted to a safe alphabet.
 */
public final class CaseReference {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9 ._:/#@-]{1,128}");

    public static final String RULE =
            "1-128 of A-Z a-z 0-9, space and . _ : / # @ -, e.g. 'CASE-2026-0042'";

    private CaseReference() {}

    public static boolean isValid(String reference) {
        return reference != null && !reference.isBlank() && SAFE.matcher(reference).matches();
    }

    /** Returns the reference, or throws IllegalArgumentException saying what is expected. */
    public static String require(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("a case reference is required (" + RULE + ")");
        }
        if (!isValid(reference)) {
            throw new IllegalArgumentException(
                    "case reference '" + reference + "' is not valid (" + RULE + ")");
        }
        return reference;
    }
}
