package io.aircheck.api.search;

import java.util.List;

/** A page of search hits; {@code totalIsExact} false means "at least {@code total}". */
public record SearchResults(
        long total, boolean totalIsExact, int page, int size, String sort, List<SearchHit> hits) {}
