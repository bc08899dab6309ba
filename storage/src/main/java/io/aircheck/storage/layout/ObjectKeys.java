package io.aircheck.storage.layout;

import io.aircheck.protocol.Ids;
import java.util.Locale;

/**
 * The archive's object layout (DESIGN.md), one place for every key. Keys are deterministic: the
 * same room, session and index always give the same key, so a restarted job rewrites objects
 * instead of duplicating them.
 *
 * <pre>
 * rooms/{roomId}/{sessionId}/events.ndjson
 * rooms/{roomId}/{sessionId}/mix/live.m3u8, mix/vod.m3u8, mix/init.mp4, mix/seg-000000.m4s
 * rooms/{roomId}/{sessionId}/mix/room.opus | room.m4a
 * rooms/{roomId}/{sessionId}/mix/work/chunk-000000.flac   (lossless mix, input to the masters)
 * rooms/{roomId}/{sessionId}/tracks/{participantId}.opus   (one track per participant)
 * rooms/{roomId}/{sessionId}/tracks/{participantId}/{trackId}.opus   (a participant's several tracks)
 * rooms/{roomId}/{sessionId}/work/chunk-000000.bin   (the recorder's work, removed once archived)
 * rooms/{roomId}/{sessionId}/transcript.vtt | transcript.json
 * rooms/{roomId}/{sessionId}/timeline.json
 * rooms/{roomId}/{sessionId}/manifest.json
 * </pre>
 */
public final class ObjectKeys {
    private ObjectKeys() {}

    /** Whether {@code id} can be used as a room, session or participant id in a key. */
    public static boolean isSafeId(String id) {
        return Ids.isValid(id);
    }

    public static String requireSafeId(String what, String id) {
        return Ids.require(what, id);
    }

    /** The prefix that holds everything of one room session, ending in '/'. */
    public static String session(String roomId, String sessionId) {
        return "rooms/"
                + requireSafeId("room id", roomId)
                + "/"
                + requireSafeId("session id", sessionId)
                + "/";
    }

    /** The prefix of every session of a room, ending in '/'. */
    public static String room(String roomId) {
        return "rooms/" + requireSafeId("room id", roomId) + "/";
    }

    public static String eventLog(String roomId, String sessionId) {
        return session(roomId, sessionId) + "events.ndjson";
    }

    public static String timeline(String roomId, String sessionId) {
        return session(roomId, sessionId) + "timeline.json";
    }

    public static String manifest(String roomId, String sessionId) {
        return session(roomId, sessionId) + "manifest.json";
    }

    /** The final mixed recording of the session, e.g. {@code mix/room.opus}. */
    public static String mixMaster(String roomId, String sessionId, MasterFormat format) {
        return session(roomId, sessionId) + "mix/room." + format.extension();
    }

    /** A lossless chunk of the mix (FLAC), numbered from 0 on the session's clock. */
    public static String mixChunk(String roomId, String sessionId, long index) {
        return session(roomId, sessionId) + "mix/work/chunk-" + sixDigits(index) + ".flac";
    }

    public static String livePlaylist(String roomId, String sessionId) {
        return session(roomId, sessionId) + "mix/live.m3u8";
    }

    public static String vodPlaylist(String roomId, String sessionId) {
        return session(roomId, sessionId) + "mix/vod.m3u8";
    }

    public static String hlsInit(String roomId, String sessionId) {
        return session(roomId, sessionId) + "mix/init.mp4";
    }

    public static String hlsSegment(String roomId, String sessionId, long index) {
        return session(roomId, sessionId) + "mix/seg-" + sixDigits(index) + ".m4s";
    }

    /** A speaker's own track as captured. */
    public static String track(String roomId, String sessionId, String participantId, String ext) {
        return session(roomId, sessionId)
                + "tracks/"
                + requireSafeId("participant id", participantId)
                + "."
                + ext;
    }

    /**
     * One of several tracks a participant published in the session (one track alone uses {@link
     * #track(String, String, String, String)}).
     */
    public static String track(
            String roomId, String sessionId, String participantId, String trackId, String ext) {
        return session(roomId, sessionId)
                + "tracks/"
                + requireSafeId("participant id", participantId)
                + "/"
                + requireSafeId("track id", trackId)
                + "."
                + ext;
    }

    /** Where the recorder keeps its work objects of a session while the session is recorded. */
    public static String workPrefix(String roomId, String sessionId) {
        return session(roomId, sessionId) + "work/";
    }

    /** The recorder's work object of one chunk of the session (encoded packets, per chunk). */
    public static String workChunk(String roomId, String sessionId, long index) {
        return workPrefix(roomId, sessionId) + "chunk-" + sixDigits(index) + ".bin";
    }

    public static String transcript(String roomId, String sessionId, String ext) {
        return session(roomId, sessionId) + "transcript." + ext.toLowerCase(Locale.ROOT);
    }

    private static String sixDigits(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative index " + index);
        }
        return String.format(Locale.ROOT, "%06d", index);
    }
}
