package io.aircheck.api.search.es;

import io.aircheck.api.search.SessionInfo;
import io.aircheck.api.search.SessionKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Room sessions as search hits need them (start, title, live), kept for a while: a page of hits
 * then costs no look-up in the rooms index for sessions seen before. A session's start and title
 * never change, and an ended session stays ended, so ended sessions are kept long; live ones for a
 * few seconds ("live" may be that late). Bounded: it is emptied when full.
 */
final class SessionCache {
    private record Entry(SessionInfo info, long expiresAtNanos) {}

    private final Map<SessionKey, Entry> entries = new ConcurrentHashMap<>();
    private final long liveTtlNanos;
    private final long endedTtlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;

    SessionCache(long liveTtlNanos, long endedTtlNanos, int maxEntries, LongSupplier nanoClock) {
        this.liveTtlNanos = liveTtlNanos;
        this.endedTtlNanos = endedTtlNanos;
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** The sessions of {@code keys}: cached ones, the rest from {@code load} (then cached). */
    Map<SessionKey, SessionInfo> get(
            Collection<SessionKey> keys,
            Function<List<SessionKey>, Map<SessionKey, SessionInfo>> load) {
        long now = nanoClock.getAsLong();
        Map<SessionKey, SessionInfo> found = new HashMap<>();
        List<SessionKey> missing = new java.util.ArrayList<>();
        for (SessionKey key : keys) {
            Entry e = entries.get(key);
            if (e != null && e.expiresAtNanos() - now > 0) {
                found.put(key, e.info());
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            Map<SessionKey, SessionInfo> loaded = load.apply(missing);
            if (entries.size() + loaded.size() > maxEntries) {
                entries.clear();
            }
            loaded.forEach(
                    (k, v) ->
                            entries.put(
                                    k,
                                    new Entry(v, now + (v.live() ? liveTtlNanos : endedTtlNanos))));
            found.putAll(loaded);
        }
        return found;
    }
}
