package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.hls.HlsPlaylist;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.layout.ObjectKeys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes live playlists without ever taking a segment back: after a restore the job replays
 * chunks a player may already have seen listed, and rewrites their (identical) segments, but a
 * playlist listing fewer segments than the one out there is not written. What is out there is read
 * once per session after a (re)start.
 */
final class LivePlaylists {
    private final ObjectStore store;
    private final Map<String, Integer> published = new ConcurrentHashMap<>();

    LivePlaylists(ObjectStore store) {
        this.store = store;
    }

    void publish(String room, String sessionId, HlsPlaylist playlist) {
        String key = ObjectKeys.livePlaylist(room, sessionId);
        int listed = published.computeIfAbsent(key, this::alreadyListed);
        int count = playlist.segments().size();
        if (count <= listed) {
            return;
        }
        store.put(
                key,
                playlist.render(HlsPlaylist.Type.LIVE).getBytes(StandardCharsets.UTF_8),
                SessionArchiver.PLAYLIST_TYPE);
        published.put(key, count);
    }

    void forget(String room, String sessionId) {
        published.remove(ObjectKeys.livePlaylist(room, sessionId));
    }

    private int alreadyListed(String key) {
        try {
            return HlsPlaylist.segmentCount(new String(store.get(key), StandardCharsets.UTF_8));
        } catch (ObjectStoreException e) {
            if (e.notFound()) {
                return 0;
            }
            throw e;
        }
    }
}
