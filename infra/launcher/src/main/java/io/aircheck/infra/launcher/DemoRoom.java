package io.aircheck.infra.launcher;

import io.aircheck.capture.gateway.CaptureConfig;
import io.aircheck.capture.simulator.FrameCodec;
import io.aircheck.capture.simulator.RoomScript;
import io.aircheck.capture.simulator.RoomSimulator;
import io.aircheck.capture.simulator.SimulatedRoom;
import io.aircheck.media.AudioFileReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo: three speakers (speech made with espeak-ng, in three voices) take turns in a room,
 * overlapping a little, through the capture gateway; then it waits until search-api serves the
 * room's recording and prints where to replay it.
 */
final class DemoRoom {
    static final String ROOM = "demo-room";
    private static final Duration RECORDING_TIMEOUT = Duration.ofMinutes(3);

    /** Who says what, in which espeak-ng voice. */
    record Line(String participantId, String displayName, String voice, String text) {}

    static final List<Line> SCRIPT =
            List.of(
                    new Line(
                            "alice",
                            "Alice",
                            "en-us+f3",
                            "Welcome to the aircheck demo room. Today we talk about archiving live audio, so that nothing said on stage is ever lost."),
                    new Line(
                            "bob",
                            "Bob",
                            "en+m3",
                            "Thanks Alice. Every frame goes into Kafka first, and the recorder mixes the speakers on one room clock."),
                    new Line(
                            "carol",
                            "Carol",
                            "en-us+f2",
                            "And when the room closes, the recording lands in the archive bucket, ready to replay and to search."));

    /** The simulated room and the page that plays it. */
    record Result(SimulatedRoom room, String replayUrl) {}

    private final Aircheck.RunningStack stack;
    private final double speed;

    DemoRoom(Aircheck.RunningStack stack, double speed) {
        this.stack = stack;
        this.speed = speed;
    }

    Result run(PrintStream out) throws Exception {
        Path dir = stack.config.dataDir().resolve("demo");
        Files.createDirectories(dir);
        List<RoomScript.Speaker> speakers = new ArrayList<>();
        long offsetUs = 500_000;
        AudioFileReader reader = new AudioFileReader();
        for (Line line : SCRIPT) {
            Path wav = speak(line, dir);
            long durationUs = reader.read(wav, 48_000, 1).durationUs();
            speakers.add(
                    new RoomScript.Speaker(
                            line.participantId(), line.displayName(), wav, offsetUs));
            offsetUs += durationUs - 700_000; // the next speaker cuts in 0.7 s early
        }
        RoomScript script =
                new RoomScript(
                        ROOM, "aircheck demo: archiving live audio", "alice", speakers, 1_000_000);
        String token = ingestSecret(stack.env);
        out.printf("playing the demo room through the gateway at %.1fx real time…%n", speed);
        SimulatedRoom room =
                new RoomSimulator(
                                URI.create(stack.gatewayUrl()),
                                token,
                                RoomSimulator.Options.defaults()
                                        .withSpeed(speed)
                                        .withCodec(FrameCodec.PCM))
                        .run(script);
        out.printf(
                "room %s session %s closed after %.1f s of room time; waiting for its recording…%n",
                room.roomId(), room.sessionId(), room.durationUs() / 1e6);
        String recording =
                stack.apiUrl()
                        + "/api/rooms/"
                        + room.roomId()
                        + "/sessions/"
                        + room.sessionId()
                        + "/recording.opus";
        awaitRecording(URI.create(recording));
        return new Result(
                room, stack.apiUrl() + "/rooms/" + room.roomId() + "/" + room.sessionId());
    }

    /** The secret of the ingest credential named "simulator" (else the first one configured). */
    static String ingestSecret(java.util.Map<String, String> env) {
        String text =
                env.getOrDefault(
                        CaptureConfig.CREDENTIALS.env(), CaptureConfig.CREDENTIALS.defaultText());
        String first = null;
        for (String entry : text.split(",")) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length == 2) {
                if (parts[0].equals("simulator")) {
                    return parts[1];
                }
                first = first == null ? parts[1] : first;
            }
        }
        if (first == null) {
            throw new IllegalStateException("no ingest credential configured for the demo");
        }
        return first;
    }

    private static Path speak(Line line, Path dir) throws IOException, InterruptedException {
        Path wav = dir.resolve(line.participantId() + ".wav");
        Process espeak =
                new ProcessBuilder(
                                "espeak-ng",
                                "-v",
                                line.voice(),
                                "-s",
                                "150",
                                "-w",
                                wav.toString(),
                                line.text())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(espeak.getInputStream().readAllBytes());
        if (espeak.waitFor() != 0 || !Files.isRegularFile(wav)) {
            throw new IOException(
                    "espeak-ng could not make the demo speech (is it installed? infra/bin/setup installs it): "
                            + output);
        }
        return wav;
    }

    private static void awaitRecording(URI recording) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + RECORDING_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<Void> head =
                    http.send(
                            HttpRequest.newBuilder(recording)
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            if (head.statusCode() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "the demo room's recording did not appear within "
                        + RECORDING_TIMEOUT.toSeconds()
                        + " s at "
                        + recording);
    }
}
