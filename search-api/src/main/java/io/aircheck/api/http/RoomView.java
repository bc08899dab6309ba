package io.aircheck.api.http;

import io.aircheck.storage.RoomDocument;
import java.time.Instant;
import java.util.List;

/** A room session as the API shows it, with links to play it. */
public record RoomView(
        String roomId,
        String sessionId,
        String title,
        String hostId,
        String visibility,
        List<RoomDocument.Speaker> speakers,
        String startedAt,
        String endedAt,
        long durationMs,
        boolean live,
        int listenerPeak,
        Links links) {

    /**
     * Where to get the session: this resource, its masters, its HLS playlist, transcript (pages,
     * WebVTT, JSON), timeline, and the page that plays it.
     */
    public record Links(
            String self,
            String recording,
            String recordingM4a,
            String playlist,
            String segments,
            String transcriptVtt,
            String transcriptJson,
            String timeline,
            String replay) {}

    public static RoomView of(RoomDocument room) {
        String base = "/api/rooms/" + room.roomId() + "/sessions/" + room.sessionId();
        return new RoomView(
                room.roomId(),
                room.sessionId(),
                room.title(),
                room.hostId(),
                room.visibility(),
                room.speakers(),
                iso(room.startedAt()),
                iso(room.endedAt()),
                room.durationMs(),
                room.live(),
                room.listenerPeak(),
                new Links(
                        base,
                        base + "/recording.opus",
                        base + "/recording.m4a",
                        base + "/hls/playlist.m3u8",
                        base + "/segments",
                        base + "/transcript.vtt",
                        base + "/transcript.json",
                        base + "/timeline.json",
                        "/rooms/" + room.roomId() + "/" + room.sessionId()));
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
