package io.aircheck.api.search;

import java.util.Set;

/**
 * What part of the index a caller may see: rooms of these visibilities (empty = all), and whether
 * segments of speakers who did not consent are included.
 */
public record Scope(Set<String> visibilities, boolean includeWithheld) {
    public static final Scope EVERYTHING = new Scope(Set.of(), true);

    public Scope {
        visibilities = Set.copyOf(visibilities);
    }
}
