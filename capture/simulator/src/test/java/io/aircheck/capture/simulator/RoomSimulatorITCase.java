package io.aircheck.capture.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.capture.gateway.CaptureConfig;
import io.aircheck.capture.gateway.CaptureGateway;
import io.aircheck.infra.embedded.EmbeddedKafka;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.media.PcmAudio;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.StreamMark;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two espeak-ng speakers through a real gateway into a real broker, at ten times real speed. */
class RoomSimulatorITCase {
    static final String TOKEN = "aircheck-dev-ingest";
    static EmbeddedKafka kafka;
    static CaptureGateway gateway;
    @TempDir static Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = SharedTestServers.kafka();
        kafka.createTopics(Topics.all(), 2);
        gateway =
                CaptureGateway.start(
                        CaptureConfig.fromEnv(
                                Map.of(
                                        "AIRCHECK_KAFKA_BOOTSTRAP",
                                        kafka.bootstrapServers(),
                                        "AIRCHECK_CAPTURE_PORT",
                                        "0",
                                        "AIRCHECK_RTP_PORT",
                                        "0")));
        speak("alice.wav", "Hello, this is Alice. Welcome to the simulated room.");
        speak("bob.wav", "And this is Bob, answering a little later.");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static void speak(String file, String text) throws Exception {
        Process espeak =
                new ProcessBuilder("espeak-ng", "-w", dir.resolve(file).toString(), text)
                        .redirectErrorStream(true)
                        .start();
        assertThat(espeak.waitFor()).isZero();
    }

    RoomScript script(String room) {
        return new RoomScript(
                room,
                "Simulated",
                "alice",
                List.of(
                        new RoomScript.Speaker("alice", "Alice", dir.resolve("alice.wav"), 500_000),
                        new RoomScript.Speaker("bob", "Bob", dir.resolve("bob.wav"), 1_500_000)),
                500_000);
    }

    @Test
    void everyEventAndFrameLandsOnceInOrderOnTheRoomClock() {
        String room = "sim-" + UUID.randomUUID().toString().substring(0, 8);
        RoomScript script = script(room);
        SimulatedRoom simulated =
                new RoomSimulator(
                                URI.create(gateway.baseUrl()),
                                TOKEN,
                                RoomSimulator.Options.defaults().withSpeed(10))
                        .run(script);

        assertThat(simulated.sessionId()).isNotBlank();
        assertThat(simulated.speakers()).hasSize(2);
        int aliceFrames = simulated.speakers().get(0).frames();
        int bobFrames = simulated.speakers().get(1).frames();
        assertThat(aliceFrames).isGreaterThan(50); // espeak speech: seconds of audio
        assertThat(simulated.durationUs())
                .isEqualTo(
                        Math.max(500_000 + aliceFrames * 20_000L, 1_500_000 + bobFrames * 20_000L)
                                + RoomScript.LEAVE_AFTER_US
                                + 500_000);

        List<String> expectedKinds =
                script
                        .actions(Map.of("alice", aliceFrames, "bob", bobFrames), Codec.PCM_S16LE)
                        .stream()
                        .filter(a -> a instanceof RoomScript.SendEvent)
                        .map(a -> ((RoomScript.SendEvent) a).event().getKindCase().name())
                        .toList();
        List<RoomEvent> events =
                read(Topics.ROOM_EVENTS, room, seen -> seen.size() >= expectedKinds.size()).stream()
                        .map(r -> parse(() -> RoomEvent.parseFrom(r.value())))
                        .toList();
        assertThat(events)
                .extracting(e -> e.getKindCase().name())
                .containsExactlyElementsOf(expectedKinds);
        assertThat(events)
                .allSatisfy(e -> assertThat(e.getSessionId()).isEqualTo(simulated.sessionId()));
        assertThat(events.get(0).getTimestampUs()).isEqualTo(simulated.startUs());
        assertThat(events.get(events.size() - 1).getTimestampUs()).isEqualTo(simulated.endUs());

        List<AudioFrame> audio =
                read(
                                Topics.ROOM_AUDIO,
                                room,
                                seen ->
                                        seen.stream()
                                                .anyMatch(
                                                        r ->
                                                                frame(r).getMark()
                                                                        == StreamMark
                                                                                .SESSION_ENDED))
                        .stream()
                        .map(RoomSimulatorITCase::frame)
                        .toList();
        assertThat(audio.get(0).getMark()).isEqualTo(StreamMark.SESSION_STARTED);
        assertThat(audio.get(0).getTimestampUs()).isEqualTo(simulated.startUs());
        assertThat(audio.get(audio.size() - 1).getMark()).isEqualTo(StreamMark.SESSION_ENDED);
        assertThat(audio.get(audio.size() - 1).getTimestampUs()).isEqualTo(simulated.endUs());
        assertThat(audio.stream().filter(f -> f.getMark() == StreamMark.TRACK_ENDED))
                .extracting(AudioFrame::getParticipantId)
                .containsExactlyInAnyOrder("alice", "bob");

        for (SimulatedRoom.SpeakerTrack track : simulated.speakers()) {
            List<AudioFrame> frames =
                    audio.stream()
                            .filter(f -> f.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED)
                            .filter(f -> f.getParticipantId().equals(track.participantId()))
                            .toList();
            assertThat(frames).hasSize(track.frames());
            short[] sent = track.pcm().samples();
            for (int k = 0; k < frames.size(); k++) {
                AudioFrame f = frames.get(k);
                assertThat(f.getSequence()).isEqualTo(k);
                assertThat(f.getTimestampUs())
                        .isEqualTo(simulated.startUs() + track.offsetUs() + k * 20_000L);
                assertThat(f.getCodec()).isEqualTo(Codec.PCM_S16LE);
                assertThat(f.getSessionId()).isEqualTo(simulated.sessionId());
                short[] got = PcmAudio.fromS16le(f.getPayload().toByteArray(), 48_000, 1).samples();
                assertThat(got).isEqualTo(Arrays.copyOfRange(sent, k * 960, (k + 1) * 960));
            }
        }
    }

    @Test
    void opusFramesAndTheCommandLineWork() {
        String room = "sim-" + UUID.randomUUID().toString().substring(0, 8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit =
                RoomSimulatorCli.run(
                        new String[] {
                            "--gateway",
                            gateway.baseUrl(),
                            "--room",
                            room,
                            "--codec",
                            "opus",
                            "--speed",
                            "20",
                            "--tail",
                            "0.2",
                            "--speaker",
                            "bob=" + dir.resolve("bob.wav") + "@0.3"
                        },
                        new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err);
        assertThat(exit).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("room      " + room)
                .contains("session   ")
                .contains("duration  ");

        List<AudioFrame> frames =
                read(
                                Topics.ROOM_AUDIO,
                                room,
                                seen ->
                                        seen.stream()
                                                .anyMatch(
                                                        r ->
                                                                frame(r).getMark()
                                                                        == StreamMark
                                                                                .SESSION_ENDED))
                        .stream()
                        .map(RoomSimulatorITCase::frame)
                        .filter(f -> f.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED)
                        .toList();
        assertThat(frames).isNotEmpty();
        assertThat(frames)
                .allSatisfy(
                        f -> {
                            assertThat(f.getCodec()).isEqualTo(Codec.OPUS);
                            assertThat(f.getPayload().size())
                                    .isBetween(1, 400); // an Opus packet, not 1920 bytes of PCM
                        });
        assertThat(frames)
                .extracting(AudioFrame::getSequence)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, frames.size()).boxed().toList());
    }

    @Test
    void aRefusalStopsTheSimulationWithTheGatewaysReason() {
        String room = "sim-" + UUID.randomUUID().toString().substring(0, 8);
        RoomSimulator simulator =
                new RoomSimulator(
                        URI.create(gateway.baseUrl()),
                        "wrong-token-0123456789",
                        RoomSimulator.Options.defaults().withSpeed(50));
        assertThatThrownBy(() -> simulator.run(script(room)))
                .isInstanceOf(SimulationException.class)
                .hasMessageContaining("HTTP 401 UNAUTHORIZED");
    }

    interface Parse<T> {
        T get() throws Exception;
    }

    static <T> T parse(Parse<T> parse) {
        try {
            return parse.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static AudioFrame frame(ConsumerRecord<byte[], byte[]> record) {
        return parse(() -> AudioFrame.parseFrom(record.value()));
    }

    /** The records of {@code roomId} in {@code topic}, in offset order (one partition per room). */
    static List<ConsumerRecord<byte[], byte[]>> read(
            String topic, String roomId, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        return RoomTopicReader.read(kafka.bootstrapServers(), topic, roomId, done);
    }
}
