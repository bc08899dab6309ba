package io.aircheck.api.replay;

import io.aircheck.api.ApiException;
import io.aircheck.api.access.Caller;
import io.aircheck.api.rooms.RoomService;
import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import java.io.InputStream;

/** Finds a room session's mixed recording in the archive and opens byte ranges of it. */
public final class RecordingService {
    private final RoomService rooms;
    private final ObjectStore store;

    public RecordingService(RoomService rooms, ObjectStore store) {
        this.rooms = rooms;
        this.store = store;
    }

    /** The session's master in {@code format}, if the caller may hear it and it is written. */
    public Recording find(Caller caller, String roomId, String sessionId, MasterFormat format) {
        RoomDocument room = rooms.get(caller, roomId, sessionId);
        String key = ObjectKeys.mixMaster(roomId, sessionId, format);
        ObjectInfo info =
                store.stat(key)
                        .orElseThrow(
                                () ->
                                        ApiException.notFound(
                                                room.live()
                                                        ? "room '"
                                                                + roomId
                                                                + "' is live; its recording is written when it closes"
                                                        : "the recording of session '"
                                                                + sessionId
                                                                + "' of room '"
                                                                + roomId
                                                                + "' is not written yet"));
        return new Recording(room, key, info.sizeBytes(), format.contentType(), info.etag());
    }

    /** The bytes of {@code range} (or all of the recording when null). */
    public InputStream open(Recording recording, ByteRange range) {
        return range == null
                ? store.open(recording.key(), 0, -1)
                : store.open(recording.key(), range.first(), range.length());
    }
}
