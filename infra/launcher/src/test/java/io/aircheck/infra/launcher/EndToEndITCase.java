package io.aircheck.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.aircheck.capture.simulator.FrameCodec;
import io.aircheck.capture.simulator.RoomScript;
import io.aircheck.capture.simulator.RoomSimulator;
import io.aircheck.capture.simulator.SimulatedRoom;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.PcmAudio;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.DeadLetter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack on one machine, as {@code aircheck up} runs it: a simulated two-speaker room goes
 * in through the capture gateway (with bad input sent beside it), is logged in Kafka, recorded by
 * the Flink jobs into S3, listed in Elasticsearch, and replayed over HTTP; then the stack restarts
 * on the same data directory and still serves it.
 */
class EndToEndITCase {
    private static final int RATE = 48_000;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir Path data;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AIRCHECK_DATA_DIR", data.resolve("stack").toString());
        env.put("AIRCHECK_EMBEDDED_KAFKA_PORT", "0");
        env.put("AIRCHECK_EMBEDDED_S3_PORT", "0");
        env.put("AIRCHECK_EMBEDDED_ES_PORT", "0");
        env.put("AIRCHECK_CAPTURE_PORT", "0");
        env.put("AIRCHECK_RTP_PORT", "0");
        env.put("AIRCHECK_API_PORT", "0");
        env.put("AIRCHECK_FLINK_WEB_PORT", "0");
        env.put("AIRCHECK_CHECKPOINT_INTERVAL", "1s");
        env.put("AIRCHECK_RECORDER_CHUNK", "2s");
        env.put("AIRCHECK_RECORDER_JITTER", "2s");
        // an Ogg Opus master (not made by default), coded for fidelity to the signal: the
        // waveform check below relies on it
        env.put("AIRCHECK_RECORDER_OPUS_MASTER", "true");
        env.put("AIRCHECK_RECORDER_OPUS_APPLICATION", "audio");
        return env;
    }

    @Test
    void aRoomGoesInAndComesOutReplayableAndSurvivesARestart() throws Exception {
        Path alice =
                speak(
                        "alice",
                        "en-us+f3",
                        "Good morning, this is the end to end test of the archive.");
        Path bob =
                speak(
                        "bob",
                        "en+m3",
                        "And this is the second speaker, talking over the first one for a moment.");
        SimulatedRoom room;
        String recordingPath;
        byte[] recording;
        try (Aircheck.RunningStack stack = Aircheck.RunningStack.start(env())) {
            RoomScript script =
                    new RoomScript(
                            "e2e-room",
                            "End to end",
                            "alice",
                            List.of(
                                    new RoomScript.Speaker("alice", "Alice", alice, 300_000),
                                    new RoomScript.Speaker("bob", "Bob", bob, 2_000_000)),
                            500_000);
            String token = DemoRoom.ingestSecret(stack.env);
            RoomSimulator simulator =
                    new RoomSimulator(
                            URI.create(stack.gatewayUrl()),
                            token,
                            RoomSimulator.Options.defaults()
                                    .withSpeed(4)
                                    .withCodec(FrameCodec.PCM));

            CompletableFuture<SimulatedRoom> running =
                    CompletableFuture.supplyAsync(() -> simulator.run(script));
            BadClient bad = BadClient.connect(http, stack.gatewayUrl(), token);
            await().atMost(Duration.ofSeconds(30)).until(() -> stack.gateway.openRooms() == 1);
            bad.send(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
            bad.send(frame("no-such-room", "ghost", 0).toByteArray());
            room = running.get();
            bad.send(
                    frame(room.roomId(), "alice", 1_000_000).toBuilder()
                            .setSessionId(room.sessionId())
                            .build()
                            .toByteArray());
            HttpResponse<String> unknownRoom =
                    http.send(
                            HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/events"))
                                    .header("Authorization", "Bearer " + token)
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"roomId\":\"nowhere\",\"eventId\":\"x1\",\"participantJoined\":{\"participantId\":\"p\"}}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            // bad input: a clear error to the client, and a dead letter with the reason
            await().atMost(Duration.ofSeconds(10)).until(() -> bad.errors.size() >= 3);
            assertThat(String.join("\n", bad.errors))
                    .contains("unknown room 'no-such-room'")
                    .contains("closed");
            assertThat(unknownRoom.statusCode()).isEqualTo(404);
            assertThat(unknownRoom.body()).contains("unknown room 'nowhere'");
            List<String> audioReasons =
                    deadLetterReasons(
                            stack, Topics.deadLetter(Topics.ROOM_AUDIO), 3, Duration.ofSeconds(30));
            assertThat(audioReasons).hasSizeGreaterThanOrEqualTo(3);
            assertThat(audioReasons)
                    .anySatisfy(r -> assertThat(r).contains("unknown room 'no-such-room'"));
            assertThat(
                            deadLetterReasons(
                                    stack,
                                    Topics.deadLetter(Topics.ROOM_EVENTS),
                                    1,
                                    Duration.ofSeconds(30)))
                    .anySatisfy(r -> assertThat(r).contains("nowhere"));

            // the recording: replayable over HTTP, the room's length, the mix of what was said
            String api = stack.apiUrl();
            recordingPath =
                    "/api/rooms/"
                            + room.roomId()
                            + "/sessions/"
                            + room.sessionId()
                            + "/recording.opus";
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> get(api + recordingPath).statusCode() == 200);
            recording = get(api + recordingPath).body();
            Path file = data.resolve("recording.opus");
            Files.write(file, recording);
            assertThat(Math.abs(ffprobeSeconds(file) * 1e6 - room.durationUs()))
                    .isLessThan(100_000);
            PcmAudio decoded = new AudioFileReader().read(file, RATE, 1);
            assertThat(Math.abs(decoded.durationUs() - room.durationUs())).isLessThan(100_000);
            // the speakers' PCM mixed: the master (Opus coded for fidelity to the signal, CELT)
            // follows its waveform closely (~0.99 on speech) unless audio was lost or misplaced
            PcmAudio reference = new PcmAudio(referenceMix(room), RATE, 1);
            double correlation = correlation(decoded.samples(), reference.samples());
            System.out.printf(
                    "recording against the speakers' mix: correlation %.4f%n", correlation);
            assertThat(correlation).isGreaterThan(0.97);
            List<String> allAudioReasons =
                    deadLetterReasons(
                            stack,
                            Topics.deadLetter(Topics.ROOM_AUDIO),
                            Integer.MAX_VALUE,
                            Duration.ofSeconds(3));
            assertThat(allAudioReasons)
                    .as("no good frame was refused as late")
                    .noneSatisfy(r -> assertThat(r).contains("late"));

            HttpResponse<byte[]> range =
                    http.send(
                            HttpRequest.newBuilder(URI.create(api + recordingPath))
                                    .header("Range", "bytes=100-1099")
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(recording, 100, 1100));

            // the room is listed, ended, with its speakers
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    new String(get(api + "/api/rooms?room=e2e-room").body())
                                            .contains("\"live\":false"));
            String listing = new String(get(api + "/api/rooms?room=e2e-room").body());
            assertThat(listing)
                    .contains(
                            "\"sessionId\":\"" + room.sessionId() + "\"",
                            "\"participantId\":\"alice\"",
                            "\"participantId\":\"bob\"",
                            "\"title\":\"End to end\"");
        }

        // a second start on the same data keeps the room and its recording
        try (Aircheck.RunningStack again = Aircheck.RunningStack.start(env())) {
            String api = again.apiUrl();
            assertThat(new String(get(api + "/api/rooms?room=e2e-room").body()))
                    .contains(room.sessionId());
            assertThat(get(api + recordingPath).body()).isEqualTo(recording);
        }
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private Path speak(String who, String voice, String text) throws Exception {
        Path wav = data.resolve(who + ".wav");
        Process p =
                new ProcessBuilder("espeak-ng", "-v", voice, "-w", wav.toString(), text)
                        .inheritIO()
                        .start();
        assertThat(p.waitFor()).isZero();
        return wav;
    }

    private static AudioFrame frame(String roomId, String participant, long atUs) {
        return AudioFrame.newBuilder()
                .setRoomId(roomId)
                .setParticipantId(participant)
                .setTrackId("mic")
                .setSequence(999_999)
                .setTimestampUs(System.currentTimeMillis() * 1000 + atUs)
                .setCodec(Codec.PCM_S16LE)
                .setSampleRate(RATE)
                .setChannels(1)
                .setPayload(ByteString.copyFrom(new byte[1920]))
                .build();
    }

    private static short[] referenceMix(SimulatedRoom room) {
        int[] sum = new int[(int) (room.durationUs() * RATE / 1_000_000)];
        for (SimulatedRoom.SpeakerTrack track : room.speakers()) {
            int offset = (int) (track.offsetUs() * RATE / 1_000_000);
            short[] s = track.pcm().samples();
            for (int i = 0; i < s.length && offset + i < sum.length; i++) {
                sum[offset + i] += s[i];
            }
        }
        short[] mix = new short[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mix[i] = (short) Math.max(-32768, Math.min(32767, sum[i]));
        }
        return mix;
    }

    private static double correlation(short[] a, short[] b) {
        int n = Math.min(a.length, b.length);
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < n; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double ffprobeSeconds(Path file) throws Exception {
        Process p =
                new ProcessBuilder(
                                "ffprobe",
                                "-v",
                                "error",
                                "-show_entries",
                                "format=duration",
                                "-of",
                                "csv=p=0",
                                file.toString())
                        .start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).isZero();
        return Double.parseDouble(out);
    }

    private static List<String> deadLetterReasons(
            Aircheck.RunningStack stack, String topic, int atLeast, Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.env.get("AIRCHECK_KAFKA_BOOTSTRAP"));
        p.put("group.id", "e2e-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (reasons.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        reasons.add(DeadLetter.parseFrom(r.value()).getReason());
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return reasons;
    }

    /** A WebSocket client that sends what it is told and keeps the gateway's error messages. */
    private static final class BadClient implements WebSocket.Listener {
        final List<String> errors = new CopyOnWriteArrayList<>();
        private WebSocket socket;

        static BadClient connect(HttpClient http, String gateway, String token) {
            BadClient client = new BadClient();
            client.socket =
                    http.newWebSocketBuilder()
                            .header("Authorization", "Bearer " + token)
                            .buildAsync(
                                    URI.create(gateway.replace("http", "ws") + "/v1/audio"), client)
                            .join();
            return client;
        }

        void send(byte[] bytes) {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (data.toString().contains("\"error\"")) {
                errors.add(data.toString());
            }
            webSocket.request(1);
            return null;
        }
    }
}
