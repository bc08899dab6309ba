package io.aircheck.capture.gateway;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aircheck.protocol.Topics;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP and WebSocket adapters over real connections, with an in-memory log instead of Kafka.
 */
class GatewayAdaptersTest {
    static final long T0 = 1_790_000_000_000_000L;
    static final String TOKEN = "aircheck-dev-ingest";

    FakeRecordSink sink;
    CaptureGateway gateway;
    GatewayClient client;
    final AtomicLong clock = new AtomicLong(T0);

    @BeforeEach
    void start() {
        CaptureConfig config =
                CaptureConfig.fromEnv(
                        Map.of(
                                "AIRCHECK_CAPTURE_PORT", "0",
                                "AIRCHECK_RTP_PORT", "0",
                                "AIRCHECK_MAX_FRAME_BYTES", "4096",
                                "AIRCHECK_CAPTURE_WRITE_TIMEOUT", "1s"));
        sink = new FakeRecordSink();
        gateway = CaptureGateway.serve(config, sink, () -> null, clock::get);
        client = new GatewayClient(gateway.baseUrl(), TOKEN);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    void openRoomWithAlice() {
        assertThat(client.post(opened("r1", "e1", T0)).status()).isEqualTo(202);
        assertThat(client.post(joined("r1", "e2", T0 + 1, "alice", Role.SPEAKER)).status())
                .isEqualTo(202);
        assertThat(client.post(published("r1", "e3", T0 + 2, "alice", "mic")).status())
                .isEqualTo(202);
    }

    @Test
    void anAcceptedEventIsAnsweredWithItsSessionOnceWritten() throws Exception {
        GatewayClient.Answer answer = client.post(opened("r1", "e1", 0));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().get("eventId").asText()).isEqualTo("e1");
        assertThat(answer.body().get("roomId").asText()).isEqualTo("r1");
        assertThat(answer.body().get("timestampUs").asLong()).isEqualTo(T0);
        String session = answer.body().get("sessionId").asText();
        assertThat(session).isEqualTo("20260921T141320000Z");

        ProducerRecord<byte[], byte[]> written = sink.records(Topics.ROOM_EVENTS).get(0);
        assertThat(new String(written.key(), StandardCharsets.UTF_8)).isEqualTo("r1");
        assertThat(
                        new String(
                                written.headers().lastHeader(WireHeaders.SCHEMA).value(),
                                StandardCharsets.UTF_8))
                .isEqualTo("aircheck.v1.RoomEvent");
        RoomEvent event = RoomEvent.parseFrom(written.value());
        assertThat(event.getSessionId()).isEqualTo(session);
        assertThat(event.getSource()).isEqualTo("simulator");
        AudioFrame mark = AudioFrame.parseFrom(sink.records(Topics.ROOM_AUDIO).get(0).value());
        assertThat(mark.getMark()).isEqualTo(StreamMark.SESSION_STARTED);
    }

    @Test
    void aRepeatedEventIsAnswered200AndNotWrittenAgain() {
        client.post(opened("r1", "e1", T0));
        GatewayClient.Answer again = client.post(opened("r1", "e1", T0));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        assertThat(again.body().get("sessionId").asText()).isNotEmpty();
        assertThat(sink.records(Topics.ROOM_EVENTS)).hasSize(1);
    }

    @Test
    void refusalsUseOneErrorShapeAndGoToTheDeadLetterTopic() throws Exception {
        GatewayClient.Answer unknownField =
                client.postJson("{\"roomId\":\"r1\",\"eventId\":\"e1\",\"colour\":\"red\"}", TOKEN);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().get("error").asText()).isEqualTo("MALFORMED");
        assertThat(unknownField.body().get("message").asText()).contains("colour");

        GatewayClient.Answer unknownRoom =
                client.post(joined("r9", "e2", T0, "bob", Role.LISTENER));
        assertThat(unknownRoom.status()).isEqualTo(404);
        assertThat(unknownRoom.body().get("error").asText()).isEqualTo("UNKNOWN_ROOM");
        assertThat(unknownRoom.body().get("message").asText()).startsWith("unknown room 'r9'");

        client.post(opened("r1", "e3", T0));
        GatewayClient.Answer conflict = client.post(left("r1", "e4", T0 + 1, "bob"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("message").asText())
                .isEqualTo("participant 'bob' is not in room 'r1'");

        assertThat(client.postJson("not json", TOKEN).status()).isEqualTo(400);

        List<ProducerRecord<byte[], byte[]>> dead =
                sink.records(Topics.deadLetter(Topics.ROOM_EVENTS));
        assertThat(dead).hasSize(4);
        DeadLetter first = DeadLetter.parseFrom(dead.get(0).value());
        assertThat(first.getSourceTopic()).isEqualTo(Topics.ROOM_EVENTS);
        assertThat(first.getRoomId()).isEqualTo("r1");
        assertThat(first.getReason()).contains("colour");
        assertThat(first.getOrigin()).startsWith("http ").endsWith("source=simulator");
        assertThat(first.getValue().toStringUtf8()).contains("\"colour\"");
        assertThat(
                        new String(
                                dead.get(0).headers().lastHeader(WireHeaders.REASON).value(),
                                StandardCharsets.UTF_8))
                .isEqualTo(first.getReason());
        assertThat(DeadLetter.parseFrom(dead.get(1).value()).getReason())
                .startsWith("unknown room 'r9'");
        assertThat(
                        DeadLetter.parseFrom(dead.get(3).value())
                                .hasField(DeadLetter.getDescriptor().findFieldByName("room_id")))
                .isFalse();
    }

    @Test
    void withoutAKnownCredentialNothingIsTakenNorDeadLettered() {
        GatewayClient.Answer missing =
                client.postJson(
                        io.aircheck.protocol.WireFormat.toJson(opened("r1", "e1", T0)), null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body().get("error").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(client.postJson("{}", "not-the-secret-at-all").status()).isEqualTo(401);
        assertThat(sink.records(Topics.ROOM_EVENTS)).isEmpty();
        assertThat(sink.records(Topics.deadLetter(Topics.ROOM_EVENTS))).isEmpty();
    }

    @Test
    void whenTheLogDoesNotAcknowledgeTheAnswerIs503AndTheRoomUnchanged() {
        sink.failWrites(true);
        GatewayClient.Answer answer = client.post(opened("r1", "e1", T0));
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().get("error").asText()).isEqualTo("UNAVAILABLE");
        assertThat(gateway.openRooms()).isZero();

        sink.failWrites(false);
        assertThat(client.post(opened("r1", "e1", T0)).status()).isEqualTo(202);
        assertThat(gateway.openRooms()).isEqualTo(1);
    }

    @Test
    void framesAreAcknowledgedAndBadOnesRefusedWhileTheConnectionStaysOpen() throws Exception {
        openRoomWithAlice();
        GatewayClient.AudioClient audio = client.audio(false);

        audio.send(frame("r1", "alice", "mic", 0, T0 + 10).build().toByteArray());
        audio.send("garbage".getBytes(StandardCharsets.UTF_8));
        audio.send(frame("r9", "alice", "mic", 0, T0 + 10).build().toByteArray());
        audio.send(frame("r1", "alice", "mic", 0, T0 + 10).build().toByteArray());
        audio.send(
                frame("r1", "alice", "mic", 1, T0 + 20_010)
                        .setMark(StreamMark.TRACK_ENDED)
                        .build()
                        .toByteArray());
        audio.send(frame("r1", "alice", "mic", 1, T0 + 20_010).build().toByteArray());

        List<JsonNode> notices = audio.awaitAck("mic", 1);
        List<JsonNode> errors =
                notices.stream().filter(n -> n.get("type").asText().equals("error")).toList();
        assertThat(errors)
                .extracting(n -> n.get("error").asText())
                .containsExactly("MALFORMED", "UNKNOWN_ROOM", "DUPLICATE", "INVALID");
        assertThat(errors.get(1).get("message").asText()).startsWith("unknown room 'r9'");
        assertThat(errors.get(2).get("sequence").asLong()).isZero();
        assertThat(errors.get(2).get("trackId").asText()).isEqualTo("mic");

        List<AudioFrame> frames =
                sink.records(Topics.ROOM_AUDIO).stream()
                        .map(r -> parse(r.value()))
                        .filter(f -> f.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED)
                        .toList();
        assertThat(frames).extracting(AudioFrame::getSequence).containsExactly(0L, 1L);
        assertThat(sink.records(Topics.deadLetter(Topics.ROOM_AUDIO))).hasSize(4);
        DeadLetter garbage =
                DeadLetter.parseFrom(
                        sink.records(Topics.deadLetter(Topics.ROOM_AUDIO)).get(0).value());
        assertThat(garbage.getValue().toStringUtf8()).isEqualTo("garbage");
        assertThat(garbage.getOrigin()).startsWith("ws ");

        audio.sendText("hello");
        assertThat(audio.next().get("message").asText()).startsWith("text messages are not frames");
        audio.close();
    }

    @Test
    void aFrameTheLogDidNotAcknowledgeIsReportedAndMayBeSentAgain() throws Exception {
        openRoomWithAlice();
        GatewayClient.AudioClient audio = client.audio(false);
        sink.failWrites(true);
        audio.send(frame("r1", "alice", "mic", 0, T0 + 10).build().toByteArray());
        JsonNode failed = audio.next();
        assertThat(failed.get("type").asText()).isEqualTo("error");
        assertThat(failed.get("error").asText()).isEqualTo("UNAVAILABLE");
        assertThat(failed.get("sequence").asLong()).isZero();
        assertThat(failed.get("message").asText()).contains("send it again");

        sink.failWrites(false);
        audio.send(frame("r1", "alice", "mic", 0, T0 + 10).build().toByteArray());
        assertThat(audio.awaitAck("mic", 0)).hasSize(1);
        assertThat(client.getText("/metrics"))
                .contains("aircheck_capture_write_failures_total{topic=\"room.audio\"} 1");
        audio.close();
    }

    @Test
    void theTokenMayComeAsAQueryParameter() throws Exception {
        openRoomWithAlice();
        GatewayClient.AudioClient audio = client.audio(true);
        audio.send(frame("r1", "alice", "mic", 0, T0 + 10).build().toByteArray());
        assertThat(audio.awaitAck("mic", 0)).hasSize(1);
        audio.close();
    }

    @Test
    void anUnknownCredentialCannotOpenTheAudioSocket() {
        HttpClient http = HttpClient.newHttpClient();
        for (String url : List.of("/v1/audio", "/v1/audio?token=wrong-token-0123456789")) {
            assertThatThrownBy(
                            () ->
                                    http.newWebSocketBuilder()
                                            .buildAsync(
                                                    URI.create(
                                                            gateway.baseUrl().replace("http", "ws")
                                                                    + url),
                                                    new WebSocket.Listener() {})
                                            .join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(
                            e ->
                                    assertThat(
                                                    ((WebSocketHandshakeException) e)
                                                            .getResponse()
                                                            .statusCode())
                                            .isEqualTo(401));
        }
    }

    @Test
    void healthAndMetricsTellWhatHappened() {
        openRoomWithAlice();
        client.post(joined("r9", "x", T0, "bob", Role.LISTENER));
        GatewayClient.Answer health = client.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(health.body().get("roomsOpen").asInt()).isEqualTo(1);
        String metrics = client.getText("/metrics");
        assertThat(metrics)
                .contains("aircheck_capture_accepted_total{topic=\"room.events\"} 3")
                .contains(
                        "aircheck_capture_rejected_total{topic=\"room.events\",reason=\"UNKNOWN_ROOM\"} 1")
                .contains("aircheck_capture_rooms_open 1");
        GatewayClient.Answer missing = client.get("/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("error").asText()).isEqualTo("NOT_FOUND");
    }

    static AudioFrame parse(byte[] value) {
        try {
            return AudioFrame.parseFrom(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
