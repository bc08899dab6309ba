package io.aircheck.api.search.es;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.api.search.SessionInfo;
import io.aircheck.api.search.SessionKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionCacheTest {
    private static final long SECOND = 1_000_000_000L;
    private static final SessionKey LIVE = new SessionKey("quay", "s2");
    private static final SessionKey ENDED = new SessionKey("harbour", "s1");

    private final AtomicLong now = new AtomicLong();
    private final List<List<SessionKey>> loads = new ArrayList<>();
    private final SessionCache cache = new SessionCache(5 * SECOND, 600 * SECOND, 100, now::get);

    private Map<SessionKey, SessionInfo> get(SessionKey... keys) {
        return cache.get(
                List.of(keys),
                missing -> {
                    loads.add(missing);
                    Map<SessionKey, SessionInfo> found = new HashMap<>();
                    for (SessionKey k : missing) {
                        found.put(
                                k,
                                new SessionInfo(
                                        k, k.roomId(), Instant.EPOCH, k.equals(LIVE), "PUBLIC"));
                    }
                    return found;
                });
    }

    @Test
    void liveSessionsAreLookedUpAgainAfterSecondsEndedOnesAfterMinutes() {
        assertThat(get(LIVE, ENDED)).containsOnlyKeys(LIVE, ENDED);
        assertThat(loads).containsExactly(List.of(LIVE, ENDED));

        now.set(4 * SECOND);
        get(LIVE, ENDED);
        assertThat(loads).hasSize(1);

        // "live" is at most 5 s late
        now.set(6 * SECOND);
        assertThat(get(LIVE, ENDED).get(LIVE).live()).isTrue();
        assertThat(loads).containsExactly(List.of(LIVE, ENDED), List.of(LIVE));

        // an ended session stays ended, its start and title never change
        now.set(599 * SECOND);
        get(ENDED);
        assertThat(loads).hasSize(2);
        now.set(601 * SECOND);
        get(ENDED);
        assertThat(loads).last().isEqualTo(List.of(ENDED));
    }
}
