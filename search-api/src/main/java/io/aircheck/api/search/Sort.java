package io.aircheck.api.search;

import java.util.Locale;

/** How search hits are ordered. */
public enum Sort {
    /** Best match first (ties: newest first). */
    RELEVANCE,
    /** Most recently spoken first. */
    NEWEST,
    /** Earliest spoken first (the order of the export). */
    OLDEST;

    public static Sort parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "sort must be relevance, newest or oldest, not '" + text + "'");
        }
    }
}
