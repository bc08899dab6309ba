package io.aircheck.storage.export;

import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.layout.ObjectKeys;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of a session's objects go into a bundle, what each is, and in which order: the masters (and
 * a public mix re-rendered after a consent withdrawal), every speaker's track, the transcript
 * (WebVTT and JSON), the event log and timeline, and the recorder's manifest. HLS segments and
 * playlists (a copy of the master in another shape) and the recorders' work objects are left out.
 * Pure.
 */
public final class BundleContents {
    public static final String MASTER = "master";
    public static final String PUBLIC_MIX = "public-mix";
    public static final String TRACK = "track";
    public static final String TRANSCRIPT = "transcript";
    public static final String EVENT_LOG = "event-log";
    public static final String TIMELINE = "timeline";
    public static final String RECORDER_MANIFEST = "recorder-manifest";
    public static final String CONSENT = "consent";

    private static final List<String> ORDER =
            List.of(
                    MASTER,
                    TRACK,
                    TRANSCRIPT,
                    EVENT_LOG,
                    TIMELINE,
                    PUBLIC_MIX,
                    CONSENT,
                    RECORDER_MANIFEST);

    private BundleContents() {}

    /** The kind of a session object in a bundle, or empty when bundles leave it out. */
    public static Optional<String> kind(String roomId, String sessionId, String key) {
        String prefix = ObjectKeys.session(roomId, sessionId);
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = key.substring(prefix.length());
        if (rest.matches("mix/room\\.[a-z0-9]+")) {
            return Optional.of(MASTER);
        }
        if (rest.matches("mix/public/room\\.[a-z0-9]+")) {
            return Optional.of(PUBLIC_MIX);
        }
        if (rest.equals("mix/public/consent.json")) {
            return Optional.of(CONSENT);
        }
        if (rest.startsWith("tracks/") && !rest.endsWith("/")) {
            return Optional.of(TRACK);
        }
        return switch (rest) {
            case "transcript.vtt", "transcript.json" -> Optional.of(TRANSCRIPT);
            case "events.ndjson" -> Optional.of(EVENT_LOG);
            case "timeline.json" -> Optional.of(TIMELINE);
            case "manifest.json" -> Optional.of(RECORDER_MANIFEST);
            default -> Optional.empty();
        };
    }

    /** A session's bundled objects, masters first and the recorder's manifest last. */
    public static List<ObjectInfo> select(
            String roomId, String sessionId, List<ObjectInfo> listing) {
        return listing.stream()
                .filter(o -> kind(roomId, sessionId, o.key()).isPresent())
                .sorted(
                        Comparator.comparingInt(
                                        (ObjectInfo o) ->
                                                ORDER.indexOf(
                                                        kind(roomId, sessionId, o.key()).get()))
                                .thenComparing(ObjectInfo::key))
                .toList();
    }

    /** A content type for a path, when the store did not report one. */
    public static String contentType(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "opus", "ogg" -> "audio/ogg";
            case "m4a", "mp4" -> "audio/mp4";
            case "flac" -> "audio/flac";
            case "wav" -> "audio/wav";
            case "vtt" -> "text/vtt; charset=utf-8";
            case "json" -> "application/json";
            case "ndjson" -> "application/x-ndjson";
            default -> "application/octet-stream";
        };
    }
}
