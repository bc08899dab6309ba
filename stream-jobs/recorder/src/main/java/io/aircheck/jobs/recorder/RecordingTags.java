package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.mix.AudioCodec;
import io.aircheck.jobs.recorder.track.TrackState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The comments in the recorder's Ogg Opus files: which room, session and speaker, and where the
 * file's first sample sits on the room clock, so a file on its own lines up with the mix and the
 * transcript.
 */
final class RecordingTags {
    private RecordingTags() {}

    static Map<String, String> master(String room, String session, long startUs) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("TITLE", "room " + room + ", session " + session + " (mix)");
        tags.put("AIRCHECK_ROOM", room);
        tags.put("AIRCHECK_SESSION", session);
        tags.put("AIRCHECK_START_US", Long.toString(startUs));
        tags.put("AIRCHECK_OFFSET_US", "0");
        return tags;
    }

    static Map<String, String> track(
            String room, String session, long sessionStartUs, TrackState track) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("TITLE", track.participantId() + " (" + track.trackId() + "), room " + room);
        tags.put("ARTIST", track.participantId());
        tags.put("AIRCHECK_ROOM", room);
        tags.put("AIRCHECK_SESSION", session);
        tags.put("AIRCHECK_PARTICIPANT", track.participantId());
        tags.put("AIRCHECK_TRACK", track.trackId());
        tags.put("AIRCHECK_START_US", Long.toString(track.offsetUs()));
        tags.put("AIRCHECK_OFFSET_US", Long.toString(track.offsetUs() - sessionStartUs));
        tags.put(
                "AIRCHECK_SOURCE",
                track.codec() == AudioCodec.OPUS
                        ? "opus packets as received (remuxed, not re-encoded)"
                        : "pcm_s16le " + track.sampleRate() + " Hz, encoded once");
        tags.put("AIRCHECK_LOST_MS", Long.toString(track.lostSamples() / 48));
        return tags;
    }
}
