package io.aircheck.capture.gateway;

import static io.aircheck.capture.gateway.TopicReader.keyed;
import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aircheck.infra.embedded.EmbeddedKafka;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.WireHeaders;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.DeadLetter;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.StreamMark;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway on a real KRaft broker: what sources send is what lands in the log, and nothing else.
 */
class CaptureGatewayITCase {
    static final String TOKEN = "aircheck-dev-ingest";
    static EmbeddedKafka kafka;

    CaptureGateway gateway;
    GatewayClient client;
    String room;
    long t0;

    @BeforeAll
    static void broker() {
        kafka = SharedTestServers.kafka();
        kafka.createTopics(Topics.all(), 2);
    }

    @BeforeEach
    void start() {
        gateway = CaptureGateway.start(config());
        client = new GatewayClient(gateway.baseUrl(), TOKEN);
        room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        t0 = CaptureGateway.wallClockUs();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static CaptureConfig config() {
        return CaptureConfig.fromEnv(
                Map.of(
                        "AIRCHECK_KAFKA_BOOTSTRAP",
                        kafka.bootstrapServers(),
                        "AIRCHECK_CAPTURE_PORT",
                        "0",
                        "AIRCHECK_RTP_PORT",
                        "0"));
    }

    String openRoomWithSpeaker(String speaker) {
        String session = client.post(opened(room, "open", t0)).body().get("sessionId").asText();
        assertThat(
                        client.post(joined(room, "join-" + speaker, t0 + 1, speaker, Role.LISTENER))
                                .status())
                .isEqualTo(202);
        assertThat(
                        client.post(
                                        roleChanged(
                                                room,
                                                "promote-" + speaker,
                                                t0 + 2,
                                                speaker,
                                                Role.SPEAKER))
                                .status())
                .isEqualTo(202);
        assertThat(
                        client.post(published(room, "publish-" + speaker, t0 + 3, speaker, "mic"))
                                .status())
                .isEqualTo(202);
        return session;
    }

    byte[] goodFrame(String speaker, long sequence) {
        return frame(room, speaker, "mic", sequence, t0 + 10 + sequence * 20_000)
                .build()
                .toByteArray();
    }

    List<AudioFrame> audioOf(String roomId, Duration settle) {
        return TopicReader.roomAudio(kafka.bootstrapServers(), roomId);
    }

    @Test
    void eventsLandInRoomEventsInOrderWithTheSession() {
        String session = openRoomWithSpeaker("alice");
        client.post(handRaised(room, "hand", t0 + 4, "alice"));
        client.post(unpublished(room, "unpublish", t0 + 5, "alice", "mic"));
        client.post(left(room, "leave", t0 + 6, "alice"));
        GatewayClient.Answer close = client.post(closed(room, "close", t0 + 7));
        assertThat(close.status()).isEqualTo(202);

        List<RoomEvent> events =
                TopicReader.read(
                                kafka.bootstrapServers(),
                                Topics.ROOM_EVENTS,
                                keyed(room),
                                seen -> seen.size() >= 8)
                        .stream()
                        .map(r -> parseEvent(r.value()))
                        .toList();
        assertThat(events)
                .extracting(e -> e.getKindCase().name())
                .containsExactly(
                        "ROOM_OPENED",
                        "PARTICIPANT_JOINED",
                        "ROLE_CHANGED",
                        "TRACK_PUBLISHED",
                        "HAND_RAISED",
                        "TRACK_UNPUBLISHED",
                        "PARTICIPANT_LEFT",
                        "ROOM_CLOSED");
        assertThat(events)
                .allSatisfy(
                        e -> {
                            assertThat(e.getSessionId()).isEqualTo(session);
                            assertThat(e.getSource()).isEqualTo("simulator");
                        });
        assertThat(audioOf(room, Duration.ZERO))
                .extracting(AudioFrame::getMark)
                .containsExactly(
                        StreamMark.SESSION_STARTED,
                        StreamMark.TRACK_ENDED,
                        StreamMark.SESSION_ENDED);
    }

    @Test
    void goodFramesAroundBadOnesLandOnceInOrderAndBadOnesAreDeadLettered() throws Exception {
        openRoomWithSpeaker("alice");
        GatewayClient.AudioClient audio = client.audio(false);
        String garbage = "garbage-" + room;
        for (long seq = 0; seq < 50; seq++) {
            audio.send(goodFrame("alice", seq));
            if (seq == 10) {
                audio.send(garbage.getBytes(StandardCharsets.UTF_8));
            }
            if (seq == 20) {
                audio.send(frame(room + "-nope", "alice", "mic", 0, t0 + 10).build().toByteArray());
            }
            if (seq == 30) {
                audio.send(goodFrame("alice", 29)); // a repeat
            }
        }
        List<JsonNode> notices = audio.awaitAck("mic", 49);
        assertThat(notices.stream().filter(n -> n.get("type").asText().equals("error")))
                .extracting(n -> n.get("error").asText())
                .containsExactly("MALFORMED", "UNKNOWN_ROOM", "DUPLICATE");

        assertThat(client.post(closed(room, "close", t0 + 5_000_000)).status()).isEqualTo(202);
        audio.send(goodFrame("alice", 50));
        JsonNode closedRoom = audio.next();
        assertThat(closedRoom.get("error").asText()).isEqualTo("CONFLICT");
        assertThat(closedRoom.get("message").asText()).isEqualTo("room '" + room + "' is closed");
        assertThat(closedRoom.get("sequence").asLong()).isEqualTo(50);
        audio.close();

        List<AudioFrame> written = audioOf(room, Duration.ofSeconds(1));
        List<AudioFrame> media =
                written.stream()
                        .filter(f -> f.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED)
                        .toList();
        assertThat(media)
                .extracting(AudioFrame::getSequence)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, 50).boxed().toList());
        assertThat(written.get(0).getMark()).isEqualTo(StreamMark.SESSION_STARTED);
        assertThat(written.get(written.size() - 1).getMark()).isEqualTo(StreamMark.SESSION_ENDED);
        assertThat(written.get(written.size() - 2).getMark()).isEqualTo(StreamMark.TRACK_ENDED);

        List<DeadLetter> dead =
                TopicReader.read(
                                kafka.bootstrapServers(),
                                Topics.deadLetter(Topics.ROOM_AUDIO),
                                r ->
                                        parseLetter(r).getValue().toStringUtf8().contains(garbage)
                                                || parseLetter(r).getRoomId().startsWith(room),
                                seen -> seen.size() >= 4)
                        .stream()
                        .map(CaptureGatewayITCase::parseLetter)
                        .toList();
        assertThat(dead)
                .extracting(DeadLetter::getReason)
                .anySatisfy(r -> assertThat(r).startsWith("not an AudioFrame"))
                .anySatisfy(r -> assertThat(r).startsWith("unknown room '" + room + "-nope'"))
                .anySatisfy(
                        r ->
                                assertThat(r)
                                        .isEqualTo(
                                                "sequence 29 of track 'mic' was already accepted"))
                .anySatisfy(r -> assertThat(r).isEqualTo("room '" + room + "' is closed"));
        assertThat(dead)
                .allSatisfy(
                        d -> {
                            assertThat(d.getSourceTopic()).isEqualTo(Topics.ROOM_AUDIO);
                            assertThat(d.getRejectedBy()).isEqualTo("capture-gateway");
                            assertThat(d.getOrigin())
                                    .startsWith("ws ")
                                    .endsWith("source=simulator");
                        });
    }

    @Test
    void badCredentialsAndUnknownFieldsAreRefusedClearly() {
        GatewayClient.Answer unauthorized =
                client.postJson(
                        WireFormat.toJson(opened(room, "e1", t0)), "wrong-secret-0123456789");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.body().get("error").asText()).isEqualTo("UNAUTHORIZED");
        assertThatThrownBy(
                        () ->
                                HttpClient.newHttpClient()
                                        .newWebSocketBuilder()
                                        .header("Authorization", "Bearer wrong-secret-0123456789")
                                        .buildAsync(
                                                URI.create(
                                                        gateway.baseUrl().replace("http", "ws")
                                                                + "/v1/audio"),
                                                new WebSocket.Listener() {})
                                        .join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));

        String json =
                "{\"eventId\":\"e1\",\"roomId\":\""
                        + room
                        + "\",\"roomOpened\":{\"title\":\"x\",\"mood\":\"odd\"}}";
        GatewayClient.Answer malformed = client.postJson(json, TOKEN);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("message").asText()).contains("mood");

        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicReader.read(
                        kafka.bootstrapServers(),
                        Topics.deadLetter(Topics.ROOM_EVENTS),
                        keyed(room),
                        seen -> !seen.isEmpty());
        assertThat(dead).hasSize(1);
        DeadLetter letter = parseLetter(dead.get(0));
        assertThat(letter.getReason()).contains("mood");
        assertThat(letter.getValue().toStringUtf8()).isEqualTo(json);
        assertThat(letter.getRoomId()).isEqualTo(room);
        assertThat(
                        new String(
                                dead.get(0).headers().lastHeader(WireHeaders.REASON).value(),
                                StandardCharsets.UTF_8))
                .isEqualTo(letter.getReason());
    }

    @Test
    void aGatewayRestartedMidRoomKeepsTheRoomOpen() throws Exception {
        String session = openRoomWithSpeaker("alice");
        GatewayClient.AudioClient before = client.audio(false);
        for (long seq = 0; seq < 10; seq++) {
            before.send(goodFrame("alice", seq));
        }
        before.awaitAck("mic", 9);
        before.close();
        gateway.close();

        gateway = CaptureGateway.start(config());
        client = new GatewayClient(gateway.baseUrl(), TOKEN);
        GatewayClient.AudioClient after = client.audio(true);
        for (long seq = 10; seq < 20; seq++) {
            after.send(goodFrame("alice", seq));
        }
        List<JsonNode> notices = after.awaitAck("mic", 19);
        assertThat(notices).noneMatch(n -> n.get("type").asText().equals("error"));
        GatewayClient.Answer close = client.post(closed(room, "close", t0 + 1_000_000));
        assertThat(close.status()).isEqualTo(202);
        assertThat(close.body().get("sessionId").asText()).isEqualTo(session);
        after.close();

        List<AudioFrame> written = audioOf(room, Duration.ofSeconds(1));
        assertThat(written.stream().filter(f -> f.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED))
                .extracting(AudioFrame::getSequence)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, 20).boxed().toList());
        assertThat(written.get(written.size() - 1).getMark()).isEqualTo(StreamMark.SESSION_ENDED);
    }

    @Test
    void anUnreachableKafkaFailsTheStartNamingTheSetting() {
        CaptureConfig nowhere = config().with("127.0.0.1:1", 0);
        assertThatThrownBy(
                        () ->
                                CaptureGateway.start(
                                        nowhere,
                                        CaptureGateway::wallClockUs,
                                        Duration.ofSeconds(2)))
                .isInstanceOf(GatewayStartException.class)
                .hasMessageContaining("AIRCHECK_KAFKA_BOOTSTRAP=127.0.0.1:1");
    }

    static AudioFrame parseFrame(ConsumerRecord<byte[], byte[]> record) {
        return TopicReader.frame(record);
    }

    static RoomEvent parseEvent(byte[] value) {
        try {
            return RoomEvent.parseFrom(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static DeadLetter parseLetter(ConsumerRecord<byte[], byte[]> record) {
        try {
            return DeadLetter.parseFrom(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
