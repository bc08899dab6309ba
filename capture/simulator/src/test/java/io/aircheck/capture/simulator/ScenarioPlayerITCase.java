package io.aircheck.capture.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.capture.gateway.CaptureConfig;
import io.aircheck.capture.gateway.CaptureGateway;
import io.aircheck.infra.embedded.EmbeddedKafka;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.StreamMark;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated rooms played through a real gateway on the real broker, over each source: every event
 * of the script lands in room.events in order, every frame each speaker said lands once in
 * room.audio, and the rooms open and close.
 */
class ScenarioPlayerITCase {
    static final String TOKEN = "aircheck-dev-ingest";
    static EmbeddedKafka kafka;
    static CaptureGateway gateway;
    static ClipLibrary clips;
    @TempDir static Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = SharedTestServers.kafka();
        kafka.createTopics(Topics.all(), 2);
        gateway =
                CaptureGateway.start(
                        CaptureConfig.fromEnv(
                                Map.of(
                                        "AIRCHECK_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                                        "AIRCHECK_CAPTURE_PORT", "0",
                                        "AIRCHECK_RTP_PORT", "0",
                                        "AIRCHECK_RTP_JITTER", "60ms")));
        speak("one.wav", "Welcome everyone, thanks for joining the room.");
        speak("two.wav", "I have a question about the roadmap.");
        clips = ClipLibrary.load(List.of(dir.resolve("one.wav"), dir.resolve("two.wav")));
    }

    static void speak(String file, String text) throws Exception {
        Process espeak =
                new ProcessBuilder("espeak-ng", "-w", dir.resolve(file).toString(), text)
                        .redirectErrorStream(true)
                        .start();
        assertThat(espeak.waitFor()).isZero();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    void playsCompletely(
            Source source, RoomSimulator.Options options, ScenarioGenerator.Settings settings) {
        List<RoomPlan> plans = ScenarioGenerator.generate(settings, clips.frameCounts());
        Map<String, AtomicLong> reported = new ConcurrentHashMap<>();
        ScenarioPlayer.Result result =
                new ScenarioPlayer(
                                URI.create(gateway.baseUrl()),
                                TOKEN,
                                clips,
                                source,
                                options,
                                (room, participant, sequence, nanos) ->
                                        reported.computeIfAbsent(
                                                        room + "/" + participant,
                                                        k -> new AtomicLong())
                                                .incrementAndGet(),
                                2)
                        .play(plans);
        assertThat(result.failures()).isEmpty();
        assertThat(result.framesSent()).isEqualTo(plans.stream().mapToLong(RoomPlan::frames).sum());
        for (RoomPlan plan : plans) {
            List<RoomEvent> events =
                    RoomTopicReader.read(
                                    kafka.bootstrapServers(),
                                    Topics.ROOM_EVENTS,
                                    plan.roomId(),
                                    seen ->
                                            seen.stream()
                                                    .anyMatch(
                                                            r ->
                                                                    parseEvent(r.value())
                                                                            .hasRoomClosed()))
                            .stream()
                            .map(r -> parseEvent(r.value()))
                            .toList();
            List<String> planned =
                    plan.events().stream().map(e -> e.event().getKindCase().name()).toList();
            assertThat(
                            events.stream()
                                    .map(e -> e.getKindCase().name())
                                    .filter(
                                            k ->
                                                    !k.equals("TRACK_PUBLISHED")
                                                            && !k.equals("TRACK_UNPUBLISHED")))
                    .as("events of %s", plan.roomId())
                    .containsExactlyElementsOf(planned);
            assertThat(events)
                    .allSatisfy(
                            e ->
                                    assertThat(e.getSessionId())
                                            .isEqualTo(result.sessions().get(plan.roomId())));
            List<AudioFrame> audio =
                    RoomTopicReader.read(
                                    kafka.bootstrapServers(),
                                    Topics.ROOM_AUDIO,
                                    plan.roomId(),
                                    seen ->
                                            seen.stream()
                                                    .anyMatch(
                                                            r ->
                                                                    parseFrame(r.value()).getMark()
                                                                            == StreamMark
                                                                                    .SESSION_ENDED))
                            .stream()
                            .map(r -> parseFrame(r.value()))
                            .toList();
            Map<String, Long> framesBySpeaker =
                    audio.stream()
                            .filter(f -> f.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED)
                            .collect(
                                    Collectors.groupingBy(
                                            AudioFrame::getParticipantId, Collectors.counting()));
            Map<String, Long> plannedBySpeaker =
                    plan.turns().stream()
                            .collect(
                                    Collectors.groupingBy(
                                            RoomPlan.Turn::participantId,
                                            Collectors.summingLong(RoomPlan.Turn::frames)));
            assertThat(framesBySpeaker)
                    .as("frames of %s", plan.roomId())
                    .isEqualTo(plannedBySpeaker);
            assertThat(audio.get(0).getMark()).isEqualTo(StreamMark.SESSION_STARTED);
            assertThat(audio.get(audio.size() - 1).getMark()).isEqualTo(StreamMark.SESSION_ENDED);
            if (source.gatewayStamped()) {
                assertThat(audio).anyMatch(f -> f.getMark() == StreamMark.CLOCK);
            }
        }
    }

    String prefix(String source) {
        return source + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void roomsTakingTurnsThroughRtp() {
        playsCompletely(
                Source.RTP,
                RoomSimulator.Options.defaults(),
                new ScenarioGenerator.Settings(2, 3, 3, 9_000_000, false, 5, prefix("rtp")));
    }

    @Test
    void aContinuousRoomThroughRawPcmSockets() {
        playsCompletely(
                Source.PCM,
                RoomSimulator.Options.defaults(),
                new ScenarioGenerator.Settings(1, 2, 2, 4_000_000, true, 6, prefix("pcm")));
    }

    @Test
    void roomsThroughProtobufFramesAtFiveTimesRealTime() {
        playsCompletely(
                Source.WS,
                RoomSimulator.Options.defaults().withSpeed(5).withCodec(FrameCodec.OPUS),
                new ScenarioGenerator.Settings(2, 3, 4, 20_000_000, false, 7, prefix("ws")));
    }

    static RoomEvent parseEvent(byte[] value) {
        try {
            return RoomEvent.parseFrom(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static AudioFrame parseFrame(byte[] value) {
        try {
            return AudioFrame.parseFrom(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
