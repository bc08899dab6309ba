package io.aircheck.jobs.consent;

import io.aircheck.storage.CanonicalJson;
import io.aircheck.storage.layout.ObjectKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The public copy of a session after speakers withdrew their consent: where it lives ({@code
 * mix/public/} beside the compliance master, which stays as recorded), which tracks it is mixed
 * from, and its marker ({@code mix/public/consent.json}), whose presence tells search-api to serve
 * the public copy to listeners and researchers. Pure.
 */
public final class PublicMix {
    public static final String FORMAT = "aircheck-public-mix/1";

    /** HLS segments of 188 AAC packets: 4.01 s at 48 kHz. */
    static final int SEGMENT_PACKETS = 188;

    private PublicMix() {}

    public static String prefix(String roomId, String sessionId) {
        return ObjectKeys.session(roomId, sessionId) + "mix/public/";
    }

    public static String marker(String roomId, String sessionId) {
        return prefix(roomId, sessionId) + "consent.json";
    }

    public static String master(String roomId, String sessionId, String extension) {
        return prefix(roomId, sessionId) + "room." + extension;
    }

    public static String segment(String roomId, String sessionId, long index) {
        return prefix(roomId, sessionId) + segmentName(index);
    }

    static String segmentName(long index) {
        return String.format(Locale.ROOT, "seg-%06d.m4s", index);
    }

    /** Whether a public copy is needed: some withdrawn speaker has a track in the recording. */
    public static boolean needed(SessionRecording recording, Set<String> withdrawn) {
        return recording.tracks().stream().anyMatch(t -> withdrawn.contains(t.participantId()));
    }

    /** The withdrawn speakers who have a track in the recording: those the copy leaves out. */
    public static Set<String> leftOut(SessionRecording recording, Set<String> withdrawn) {
        Set<String> out = new TreeSet<>();
        recording.tracks().stream()
                .map(TrackRef::participantId)
                .filter(withdrawn::contains)
                .forEach(out::add);
        return out;
    }

    /** The tracks the public copy is mixed from: everyone's but the withdrawn speakers'. */
    public static List<TrackRef> included(SessionRecording recording, Set<String> withdrawn) {
        return recording.tracks().stream()
                .filter(t -> !withdrawn.contains(t.participantId()))
                .toList();
    }

    /** The marker's text: which speakers are left out and which tracks were mixed. */
    public static byte[] markerJson(SessionRecording recording, Set<String> withdrawn) {
        List<String> tracks = included(recording, withdrawn).stream().map(TrackRef::key).toList();
        String json =
                new CanonicalJson()
                        .field("format", FORMAT)
                        .field("roomId", recording.roomId())
                        .field("sessionId", recording.sessionId())
                        .raw(
                                "withdrawn",
                                CanonicalJson.array(List.copyOf(new TreeSet<>(withdrawn))))
                        .raw("mixedFrom", CanonicalJson.array(tracks))
                        .field(
                                "note",
                                "public replay copy without the withdrawn speakers; the compliance master beside it is unchanged")
                        .toString();
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A stable name for the set of withdrawn speakers (what the copy was rendered for). */
    public static String signature(Set<String> withdrawn) {
        return String.join(",", new TreeSet<>(withdrawn));
    }
}
