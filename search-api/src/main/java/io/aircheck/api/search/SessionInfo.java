package io.aircheck.api.search;

import java.time.Instant;

/**
 * What a search hit needs of its room session: when it started (time 0 of its recording), title,
 * live.
 */
public record SessionInfo(
        SessionKey key, String title, Instant startedAt, boolean live, String visibility) {}
