package io.aircheck.storage.retention;

import io.aircheck.storage.ObjectInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who spoke in which room session, as the archive's keys show it: a participant with a track
 * ({@code tracks/{participant}.ext} or {@code tracks/{participant}/{track}.ext}) spoke. Pure.
 */
public final class SessionParticipants {
    private final Map<String, Set<String>> bySession = new HashMap<>();

    public static SessionParticipants of(List<ObjectInfo> listing) {
        SessionParticipants p = new SessionParticipants();
        listing.forEach(o -> p.add(o.key()));
        return p;
    }

    public void add(String key) {
        String[] parts = key.split("/");
        if (parts.length >= 5 && parts[0].equals("rooms") && parts[3].equals("tracks")) {
            String participant = parts.length == 5 ? stripExtension(parts[4]) : parts[4];
            bySession
                    .computeIfAbsent(parts[1] + "/" + parts[2], k -> new HashSet<>())
                    .add(participant);
        }
    }

    public Set<String> of(String roomId, String sessionId) {
        return bySession.getOrDefault(roomId + "/" + sessionId, Set.of());
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
