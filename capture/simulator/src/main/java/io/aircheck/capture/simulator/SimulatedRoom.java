package io.aircheck.capture.simulator;

import io.aircheck.media.PcmAudio;
import java.util.List;

/**
 * What a simulation sent: the room, the session the gateway gave it, its start and end on the room
 * clock, and each speaker's audio as sent (48 kHz mono, padded to whole 20 ms frames), so a test
 * can compute the reference mix.
 */
public record SimulatedRoom(
        String roomId, String sessionId, long startUs, long endUs, List<SpeakerTrack> speakers) {
    public static final int SAMPLE_RATE = 48_000;
    public static final int SAMPLES_PER_FRAME = 960;

    public SimulatedRoom {
        speakers = List.copyOf(speakers);
    }

    /** A speaker's track: its first sample is at {@code startUs + offsetUs} on the room clock. */
    public record SpeakerTrack(
            String participantId, String trackId, long offsetUs, PcmAudio pcm, int frames) {}

    public long durationUs() {
        return endUs - startUs;
    }
}
