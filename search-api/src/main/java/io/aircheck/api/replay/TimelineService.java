package io.aircheck.api.replay;

import io.aircheck.api.access.Action;
import io.aircheck.api.access.Caller;
import io.aircheck.api.rooms.RoomService;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.layout.ObjectKeys;
import java.util.List;
import java.util.Optional;

/**
 * A session's timeline: the timeline document the timeline job writes ({@code timeline.json}) when
 * it is there; until then, one derived from the transcript: who spoke when.
 */
public final class TimelineService {
    /** Pauses shorter than this inside one speaker's turn are not shown as gaps. */
    public static final long MERGE_GAP_MS = 1_500;

    private final RoomService rooms;
    private final TranscriptService transcripts;
    private final ObjectStore store;

    public TimelineService(RoomService rooms, TranscriptService transcripts, ObjectStore store) {
        this.rooms = rooms;
        this.transcripts = transcripts;
        this.store = store;
    }

    /** The stored document's key, or the derived timeline. */
    public record Timeline(Optional<String> storedKey, Derived derived) {}

    /** A timeline derived from the transcript (times in ms from the session's start). */
    public record Derived(
            String roomId,
            String sessionId,
            String title,
            String startedAt,
            long durationMs,
            boolean live,
            String derivedFrom,
            List<SpeakingIntervals.Lane> speakers) {}

    public Timeline timeline(Caller caller, String roomId, String sessionId) {
        RoomDocument room = rooms.get(caller, roomId, sessionId, Action.READ_TIMELINE);
        String key = ObjectKeys.timeline(roomId, sessionId);
        if (store.stat(key).isPresent()) {
            return new Timeline(Optional.of(key), null);
        }
        List<TranscriptLine> lines = transcripts.allLines(caller, roomId, sessionId);
        return new Timeline(
                Optional.empty(),
                new Derived(
                        roomId,
                        sessionId,
                        room.title(),
                        room.startedAt().toString(),
                        room.durationMs(),
                        room.live(),
                        "transcripts",
                        SpeakingIntervals.of(lines, MERGE_GAP_MS)));
    }

    public java.io.InputStream open(String key) {
        return store.open(key, 0, -1);
    }
}
