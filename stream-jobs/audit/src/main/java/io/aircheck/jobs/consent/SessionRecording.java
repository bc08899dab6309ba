package io.aircheck.jobs.consent;

import java.util.List;

/**
 * A finalized recording as {@code archive.recordings} announced it: the session's span on the room
 * clock and every speaker's track.
 */
public record SessionRecording(
        String roomId, String sessionId, long startUs, long endUs, List<TrackRef> tracks) {
    public SessionRecording {
        tracks = List.copyOf(tracks);
    }
}
