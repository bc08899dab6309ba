package io.aircheck.api.replay;

import io.aircheck.api.ApiException;
import io.aircheck.api.access.AccessPolicy;
import io.aircheck.api.access.Action;
import io.aircheck.api.access.Caller;
import io.aircheck.api.rooms.RoomService;
import io.aircheck.api.search.Cursor;
import io.aircheck.api.search.Scope;
import io.aircheck.api.search.SessionKey;
import io.aircheck.api.search.TranscriptIndex;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.layout.ObjectKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A session's transcript for a caller who may read it: page by page from the index (live rooms
 * too), or whole as WebVTT or JSON. The files the indexer writes at close ({@code
 * transcript.vtt|json}) are served as written when they hold nothing the caller may not see;
 * otherwise (not written yet, or with segments of speakers who did not consent, for a caller who
 * may not see those) the transcript is rendered from the index.
 */
public final class TranscriptService {
    public static final int DEFAULT_PAGE = 500;
    public static final int MAX_PAGE = 2_000;

    /** A whole transcript is at most this many segments (a 24-hour room at one every ~1.7 s). */
    public static final int MAX_SEGMENTS = 50_000;

    private final RoomService rooms;
    private final TranscriptIndex index;
    private final ObjectStore store;

    public TranscriptService(RoomService rooms, TranscriptIndex index, ObjectStore store) {
        this.rooms = rooms;
        this.index = index;
        this.store = store;
    }

    /**
     * A page of the transcript, the cursor of the next one (empty at the end), and the cursor after
     * this page's last line (to poll a live room for what is said next).
     */
    public record Page(
            RoomDocument room,
            List<TranscriptLine> lines,
            Optional<Cursor> next,
            Optional<Cursor> resume) {}

    /** The whole transcript: the stored file's key, or lines rendered from the index. */
    public record Whole(
            RoomDocument room, Optional<String> storedKey, List<TranscriptLine> lines) {}

    public Page page(Caller caller, String roomId, String sessionId, Cursor after, int size) {
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("size must be 1.." + MAX_PAGE + ", not " + size);
        }
        RoomDocument room = rooms.get(caller, roomId, sessionId, Action.READ_TRANSCRIPT);
        TranscriptIndex.SegmentPage page =
                index.sessionSegments(
                        new SessionKey(roomId, sessionId), scope(caller), after, size);
        return new Page(
                room,
                page.segments().stream().map(s -> TranscriptLine.of(s, room.startedAt())).toList(),
                page.next(),
                page.segments().isEmpty()
                        ? Optional.ofNullable(after)
                        : Optional.of(
                                Cursor.after(page.segments().get(page.segments().size() - 1))));
    }

    public Whole whole(Caller caller, String roomId, String sessionId, String extension) {
        RoomDocument room = rooms.get(caller, roomId, sessionId, Action.READ_TRANSCRIPT);
        SessionKey key = new SessionKey(roomId, sessionId);
        String stored = ObjectKeys.transcript(roomId, sessionId, extension);
        boolean mayUseStored =
                AccessPolicy.seesWithheldSegments(caller.role()) || index.withheldCount(key) == 0;
        if (mayUseStored && store.stat(stored).isPresent()) {
            return new Whole(room, Optional.of(stored), List.of());
        }
        return new Whole(room, Optional.empty(), allLines(room, key, scope(caller)));
    }

    /** Every line of the session the caller may see, in time order. */
    public List<TranscriptLine> allLines(Caller caller, String roomId, String sessionId) {
        RoomDocument room = rooms.get(caller, roomId, sessionId, Action.READ_TRANSCRIPT);
        return allLines(room, new SessionKey(roomId, sessionId), scope(caller));
    }

    private List<TranscriptLine> allLines(RoomDocument room, SessionKey key, Scope scope) {
        List<TranscriptLine> lines = new ArrayList<>();
        Cursor after = null;
        do {
            TranscriptIndex.SegmentPage page = index.sessionSegments(key, scope, after, MAX_PAGE);
            page.segments().forEach(s -> lines.add(TranscriptLine.of(s, room.startedAt())));
            after = page.next().orElse(null);
        } while (after != null && lines.size() < MAX_SEGMENTS);
        return lines;
    }

    public java.io.InputStream open(String key) {
        return store.open(key, 0, -1);
    }

    private static Scope scope(Caller caller) {
        return new Scope(java.util.Set.of(), AccessPolicy.seesWithheldSegments(caller.role()));
    }
}
