package io.aircheck.capture.gateway;

import io.aircheck.protocol.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a raw PCM socket says it carries, from its URL's query ({@code
 * /v1/audio/pcm?room=r1&participant=alice&track=mic&rate=48000&channels=2}): the shape LiveKit's
 * track egress can be pointed at. Rate and channels default to LiveKit's (48000, 2).
 */
record PcmHandshake(
        String roomId, String participantId, String trackId, int sampleRate, int channels) {
    static final int DEFAULT_RATE = 48_000;
    static final int DEFAULT_CHANNELS = 2;

    /** The handshake, or throws IllegalArgumentException listing every problem. */
    static PcmHandshake parse(Map<String, List<String>> query) {
        List<String> problems = new ArrayList<>();
        String room = id(query, "room", problems);
        String participant = id(query, "participant", problems);
        String track = id(query, "track", problems);
        int rate = number(query, "rate", DEFAULT_RATE, 8_000, 48_000, problems);
        int channels = number(query, "channels", DEFAULT_CHANNELS, 1, 2, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    String.join("; ", problems)
                            + " (connect to /v1/audio/pcm?room=ROOM&participant=ID&track=ID[&rate=48000][&channels=2])");
        }
        return new PcmHandshake(room, participant, track, rate, channels);
    }

    String trackKey() {
        return roomId + "/" + participantId + "/" + trackId;
    }

    private static String id(Map<String, List<String>> query, String name, List<String> problems) {
        String value = first(query, name);
        if (value == null || value.isEmpty()) {
            problems.add(name + " is required");
        } else if (!Ids.isValid(value)) {
            problems.add(name + " '" + value + "' is not a valid id (" + Ids.RULE + ")");
        }
        return value;
    }

    private static int number(
            Map<String, List<String>> query,
            String name,
            int fallback,
            int min,
            int max,
            List<String> problems) {
        String value = first(query, name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                problems.add(name + " must be " + min + "-" + max + ", got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a number, got '" + value + "'");
            return fallback;
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
