package io.aircheck.capture.simulator;

import io.aircheck.media.AudioCodecException;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.PcmAudio;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.RoomEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a {@link RoomScript} through a capture gateway: events over HTTP, each speaker's frames
 * over their own WebSocket, paced at {@code speed} × real time. Every event and frame is stamped on
 * the room clock (T0 = wall clock at start): a frame at media position p of a speaker with offset o
 * has timestamp T0 + o + p, whatever the speed. Before unpublishing a track it waits until the
 * gateway acknowledged the track's last frame; any refusal stops the run with the gateway's reason.
 */
public final class RoomSimulator {

    /** How to play: pace ({@code 1.0} = real time), wire codec, and how long to wait for acks. */
    public record Options(double speed, FrameCodec codec, Duration ackTimeout) {
        public Options {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be > 0, got " + speed);
            }
        }

        public static Options defaults() {
            return new Options(1.0, FrameCodec.PCM, Duration.ofSeconds(30));
        }

        public Options withSpeed(double newSpeed) {
            return new Options(newSpeed, codec, ackTimeout);
        }

        public Options withCodec(FrameCodec newCodec) {
            return new Options(speed, newCodec, ackTimeout);
        }
    }

    private final URI gateway;
    private final String token;
    private final Options options;
    private final HttpClient http = HttpClient.newHttpClient();

    public RoomSimulator(URI gateway, String token, Options options) {
        this.gateway = gateway;
        this.token = token;
        this.options = options;
    }

    /** Plays the room to its close; throws {@link SimulationException} when the gateway refuses. */
    public SimulatedRoom run(RoomScript script) {
        Map<String, PcmAudio> audio = decode(script);
        Map<String, Integer> frames = new LinkedHashMap<>();
        audio.forEach((p, pcm) -> frames.put(p, pcm.frames() / SimulatedRoom.SAMPLES_PER_FRAME));
        List<RoomScript.Action> actions = script.actions(frames, options.codec().wire);

        long t0 = wallClockUs();
        long wallStart = System.nanoTime();
        String runId = Long.toString(t0, 36);
        GatewayEvents events = new GatewayEvents(http, gateway, token);
        Map<String, TrackSocket> sockets = new LinkedHashMap<>();
        Map<String, FrameCodec.FrameEncoder> encoders = new LinkedHashMap<>();
        String sessionId = null;
        long endUs = t0;
        try {
            for (RoomScript.Action action : actions) {
                pace(wallStart, action.atUs());
                if (action instanceof RoomScript.SendFrame send) {
                    TrackSocket socket = sockets.get(send.participantId());
                    socket.send(frame(script, send, t0, sessionId, encoders).toByteArray());
                    continue;
                }
                RoomEvent event =
                        ((RoomScript.SendEvent) action)
                                .event().toBuilder()
                                        .setRoomId(script.roomId())
                                        .setEventId(runId + "-" + localIdOf(action))
                                        .setTimestampUs(t0 + action.atUs())
                                        .build();
                if (event.hasTrackUnpublished()) {
                    String p = event.getTrackUnpublished().getParticipantId();
                    sockets.get(p).awaitAck(frames.get(p) - 1L, options.ackTimeout());
                }
                var answer = events.post(event);
                switch (event.getKindCase()) {
                    case ROOM_OPENED -> sessionId = answer.path("sessionId").asText();
                    case TRACK_PUBLISHED -> {
                        String p = event.getTrackPublished().getParticipantId();
                        sockets.put(
                                p,
                                TrackSocket.open(
                                        http, gateway, token, p + "/" + RoomScript.TRACK_ID));
                        encoders.put(p, options.codec().encoderFor(audio.get(p)));
                    }
                    case PARTICIPANT_LEFT ->
                            closeTrack(
                                    event.getParticipantLeft().getParticipantId(),
                                    sockets,
                                    encoders);
                    case ROOM_CLOSED -> endUs = event.getTimestampUs();
                    default -> {}
                }
            }
        } finally {
            for (String p : List.copyOf(sockets.keySet())) {
                closeTrack(p, sockets, encoders);
            }
        }
        List<SimulatedRoom.SpeakerTrack> tracks = new ArrayList<>();
        for (RoomScript.Speaker speaker : script.speakers()) {
            String p = speaker.participantId();
            tracks.add(
                    new SimulatedRoom.SpeakerTrack(
                            p,
                            RoomScript.TRACK_ID,
                            speaker.offsetUs(),
                            audio.get(p),
                            frames.get(p)));
        }
        return new SimulatedRoom(script.roomId(), sessionId, t0, endUs, tracks);
    }

    private static String localIdOf(RoomScript.Action action) {
        return ((RoomScript.SendEvent) action).event().getEventId();
    }

    private static AudioFrame frame(
            RoomScript script,
            RoomScript.SendFrame send,
            long t0,
            String sessionId,
            Map<String, FrameCodec.FrameEncoder> encoders) {
        return AudioFrame.newBuilder()
                .setRoomId(script.roomId())
                .setSessionId(sessionId == null ? "" : sessionId)
                .setParticipantId(send.participantId())
                .setTrackId(RoomScript.TRACK_ID)
                .setSequence(send.index())
                .setTimestampUs(t0 + send.atUs())
                .setDurationUs((int) RoomScript.FRAME_US)
                .setPayload(
                        com.google.protobuf.ByteString.copyFrom(
                                encoders.get(send.participantId()).encode(send.index())))
                .build();
    }

    private static void closeTrack(
            String participantId,
            Map<String, TrackSocket> sockets,
            Map<String, FrameCodec.FrameEncoder> encoders) {
        TrackSocket socket = sockets.remove(participantId);
        if (socket != null) {
            socket.close();
        }
        FrameCodec.FrameEncoder encoder = encoders.remove(participantId);
        if (encoder != null) {
            encoder.close();
        }
    }

    /** Sleeps until {@code atUs} of room time has passed in wall time at the chosen speed. */
    private void pace(long wallStartNanos, long atUs) {
        long due = wallStartNanos + (long) (atUs * 1000 / options.speed());
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Each speaker's audio at 48 kHz mono, padded with silence to whole 20 ms frames. */
    private static Map<String, PcmAudio> decode(RoomScript script) {
        AudioFileReader reader = AudioFileReader.lenient();
        Map<String, PcmAudio> audio = new LinkedHashMap<>();
        for (RoomScript.Speaker speaker : script.speakers()) {
            try {
                PcmAudio pcm = reader.read(speaker.audioFile(), SimulatedRoom.SAMPLE_RATE, 1);
                audio.put(speaker.participantId(), padToFrames(pcm));
            } catch (AudioCodecException e) {
                throw new SimulationException(
                        "cannot read the audio of speaker '"
                                + speaker.participantId()
                                + "' from "
                                + speaker.audioFile()
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }
        return audio;
    }

    static PcmAudio padToFrames(PcmAudio pcm) {
        int n = SimulatedRoom.SAMPLES_PER_FRAME;
        int padded = (pcm.frames() + n - 1) / n * n;
        if (padded == pcm.frames() && padded > 0) {
            return pcm;
        }
        short[] samples = java.util.Arrays.copyOf(pcm.samples(), Math.max(padded, n));
        return new PcmAudio(samples, pcm.sampleRate(), 1);
    }

    static long wallClockUs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
