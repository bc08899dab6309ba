package io.aircheck.api.replay;

import io.aircheck.api.ApiException;
import io.aircheck.api.access.Action;
import io.aircheck.api.access.Caller;
import io.aircheck.api.consent.PublicReplay;
import io.aircheck.api.rooms.RoomService;
import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A room session's media in the archive, for callers who may play it: the masters (Ogg Opus, M4A),
 * the HLS playlist (live with every segment from the start, or VOD) and its init and media
 * segments. Objects are opened by byte range; the bucket itself is never exposed.
 */
public final class RecordingService {
    /**
     * HLS file names the recorder writes next to the playlists (ObjectKeys: init.mp4,
     * seg-NNNNNN.m4s).
     */
    private static final Pattern HLS_FILE =
            Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}\\.(m4s|mp4|m4a|aac|ts)");

    private final RoomService rooms;
    private final ObjectStore store;
    private final PublicReplay publicReplay;

    public RecordingService(RoomService rooms, ObjectStore store) {
        this.rooms = rooms;
        this.store = store;
        this.publicReplay = new PublicReplay(store);
    }

    /** A playlist as the archive holds it, and whether the room is still being recorded. */
    public record Playlist(String text, boolean live, String key) {}

    /** The session's master in {@code format}, if the caller may hear it and it is written. */
    public Recording find(Caller caller, String roomId, String sessionId, MasterFormat format) {
        RoomDocument room = rooms.get(caller, roomId, sessionId, Action.DOWNLOAD);
        String key =
                publicReplay.key(
                        caller, roomId, sessionId, ObjectKeys.mixMaster(roomId, sessionId, format));
        ObjectInfo info =
                store.stat(key)
                        .orElseThrow(() -> noMaster(caller, room, roomId, sessionId, format));
        return new Recording(room, key, info.sizeBytes(), format.contentType(), info.etag());
    }

    private ApiException noMaster(
            Caller caller,
            RoomDocument room,
            String roomId,
            String sessionId,
            MasterFormat format) {
        if (room.live()) {
            return ApiException.notFound(
                    "room '"
                            + roomId
                            + "' is live; its "
                            + format.extension()
                            + " master is written when it closes (play it live through"
                            + " playlist.m3u8)");
        }
        String m4a =
                publicReplay.key(
                        caller,
                        roomId,
                        sessionId,
                        ObjectKeys.mixMaster(roomId, sessionId, MasterFormat.M4A));
        if (format == MasterFormat.OPUS && store.stat(m4a).isPresent()) {
            return ApiException.notFound(
                    "session '"
                            + sessionId
                            + "' of room '"
                            + roomId
                            + "' has no Ogg Opus master (the recorder makes one only with"
                            + " AIRCHECK_RECORDER_OPUS_MASTER=true); its master is recording.m4a");
        }
        return ApiException.notFound(
                "the "
                        + format.extension()
                        + " master of session '"
                        + sessionId
                        + "' of room '"
                        + roomId
                        + "' is not written yet");
    }

    /**
     * The playlist to play: the VOD playlist once written, else the live one (DVR: it lists every
     * segment from the session's start).
     */
    public Playlist playlist(Caller caller, String roomId, String sessionId) {
        RoomDocument room = rooms.get(caller, roomId, sessionId, Action.PLAY);
        Optional<String> key =
                room.live()
                        ? Optional.of(
                                        publicReplay.key(
                                                caller,
                                                roomId,
                                                sessionId,
                                                ObjectKeys.livePlaylist(roomId, sessionId)))
                                .filter(k -> store.stat(k).isPresent())
                        : Optional.of(
                                        publicReplay.key(
                                                caller,
                                                roomId,
                                                sessionId,
                                                ObjectKeys.vodPlaylist(roomId, sessionId)))
                                .filter(k -> store.stat(k).isPresent())
                                .or(
                                        () ->
                                                Optional.of(
                                                                publicReplay.key(
                                                                        caller,
                                                                        roomId,
                                                                        sessionId,
                                                                        ObjectKeys.livePlaylist(
                                                                                roomId, sessionId)))
                                                        .filter(k -> store.stat(k).isPresent()));
        String found =
                key.orElseThrow(
                        () ->
                                ApiException.notFound(
                                        "session '"
                                                + sessionId
                                                + "' of room '"
                                                + roomId
                                                + "' has no HLS playlist yet"
                                                + (room.live()
                                                        ? " (the first segment is still being recorded)"
                                                        : "")));
        String text = new String(store.get(found), StandardCharsets.UTF_8);
        return new Playlist(text, room.live() && !PlaylistRewriter.isComplete(text), found);
    }

    /** An HLS init or media segment of the session, by the file name its playlist gives. */
    public Recording hlsFile(Caller caller, String roomId, String sessionId, String fileName) {
        if (!HLS_FILE.matcher(fileName).matches()) {
            throw ApiException.badRequest(
                    "'" + fileName + "' is not an HLS file name (e.g. init.mp4, seg-000000.m4s)");
        }
        RoomDocument room = rooms.get(caller, roomId, sessionId, Action.PLAY);
        String key =
                publicReplay.key(
                        caller,
                        roomId,
                        sessionId,
                        ObjectKeys.session(roomId, sessionId) + "mix/" + fileName);
        ObjectInfo info =
                store.stat(key)
                        .orElseThrow(
                                () ->
                                        ApiException.notFound(
                                                "no HLS file '"
                                                        + fileName
                                                        + "' in session '"
                                                        + sessionId
                                                        + "' of room '"
                                                        + roomId
                                                        + "'"));
        return new Recording(room, key, info.sizeBytes(), hlsType(fileName), info.etag());
    }

    /** The bytes of {@code range} (or all of the object when null). */
    public InputStream open(Recording recording, ByteRange range) {
        return range == null
                ? store.open(recording.key(), 0, -1)
                : store.open(recording.key(), range.first(), range.length());
    }

    static String hlsType(String fileName) {
        String ext = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "m4s" -> "video/iso.segment";
            case "mp4", "m4a" -> "audio/mp4";
            case "aac" -> "audio/aac";
            default -> "video/mp2t";
        };
    }
}
