package io.aircheck.api.consent;

import io.aircheck.api.access.AccessPolicy;
import io.aircheck.api.access.Caller;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.layout.ObjectKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which copy of a session's mix a caller hears. When a speaker withdrew consent, the consent job
 * writes a public copy without them under {@code mix/public/} (with a marker, {@code consent.json},
 * written last); listeners and researchers are then served that copy (masters, playlist, segments),
 * while auditors and admins keep hearing the compliance recording. Whether a session has a public
 * copy is remembered for a few seconds.
 */
public final class PublicReplay {
    private static final Duration REMEMBER = Duration.ofSeconds(2);
    private static final int MAX_REMEMBERED = 10_000;

    private record Known(boolean publicCopy, long untilMs) {}

    private final ObjectStore store;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public PublicReplay(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public PublicReplay(ObjectStore store) {
        this(store, Clock.systemUTC());
    }

    /** The key to serve {@code caller} for a session's mix object ({@code mix/...}). */
    public String key(Caller caller, String roomId, String sessionId, String mixKey) {
        if (AccessPolicy.seesWithheldSegments(caller.role())) {
            return mixKey;
        }
        String mix = ObjectKeys.session(roomId, sessionId) + "mix/";
        if (!mixKey.startsWith(mix)
                || mixKey.startsWith(mix + "public/")
                || !hasPublicCopy(roomId, sessionId)) {
            return mixKey;
        }
        String rest = mixKey.substring(mix.length());
        // the public copy is rendered once the session is recorded: a VOD rendition
        return mix + "public/" + (rest.equals("live.m3u8") ? "vod.m3u8" : rest);
    }

    private boolean hasPublicCopy(String roomId, String sessionId) {
        String marker = ObjectKeys.session(roomId, sessionId) + "mix/public/consent.json";
        long now = clock.millis();
        Known k = known.get(marker);
        if (k != null && k.untilMs() > now) {
            return k.publicCopy();
        }
        boolean present = store.stat(marker).isPresent();
        if (known.size() > MAX_REMEMBERED) {
            known.clear();
        }
        known.put(marker, new Known(present, now + REMEMBER.toMillis()));
        return present;
    }
}
