package io.aircheck.capture.gateway;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.StreamMark;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The raw PCM socket (LiveKit track egress shape) into a gateway whose log is in memory. */
class PcmAdaptersTest {
    static final String TOKEN = "aircheck-dev-ingest";
    static final String QUERY = "room=r1&participant=alice&track=egress&rate=48000&channels=2";

    FakeRecordSink sink;
    CaptureGateway gateway;
    GatewayClient client;
    long t0;

    @BeforeEach
    void start() {
        CaptureConfig config =
                CaptureConfig.fromEnv(
                        Map.of("AIRCHECK_CAPTURE_PORT", "0", "AIRCHECK_RTP_PORT", "off"));
        sink = new FakeRecordSink();
        gateway = CaptureGateway.serve(config, sink, () -> null, CaptureGateway::wallClockUs);
        client = new GatewayClient(gateway.baseUrl(), TOKEN);
        t0 = CaptureGateway.wallClockUs() - 1_000_000;
        assertThat(client.post(opened("r1", "open", t0)).status()).isEqualTo(202);
        assertThat(client.post(joined("r1", "join", t0 + 1, "alice", Role.SPEAKER)).status())
                .isEqualTo(202);
        assertThat(client.post(joined("r1", "join-l", t0 + 1, "lee", Role.LISTENER)).status())
                .isEqualTo(202);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    List<AudioFrame> audio() {
        return sink.records(Topics.ROOM_AUDIO).stream()
                .map(r -> GatewayAdaptersTest.parse(r.value()))
                .toList();
    }

    List<AudioFrame> media() {
        return audio().stream()
                .filter(f -> f.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED)
                .toList();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int handshakeStatus(String url) {
        try {
            HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(
                            URI.create(gateway.baseUrl().replace("http", "ws") + url),
                            new WebSocket.Listener() {})
                    .join();
            return 101;
        } catch (CompletionException e) {
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    @Test
    void theHandshakeIsCheckedBeforeTheUpgrade() {
        String token = "&token=" + TOKEN;
        assertThat(handshakeStatus("/v1/audio/pcm?" + QUERY)).isEqualTo(401);
        assertThat(handshakeStatus("/v1/audio/pcm?room=r1&participant=alice" + token))
                .isEqualTo(400);
        assertThat(
                        handshakeStatus(
                                "/v1/audio/pcm?room=r1&participant=alice&track=t&rate=96000"
                                        + token))
                .isEqualTo(400);
        assertThat(handshakeStatus("/v1/audio/pcm?room=r9&participant=alice&track=t" + token))
                .isEqualTo(404);
        assertThat(handshakeStatus("/v1/audio/pcm?room=r1&participant=bob&track=t" + token))
                .isEqualTo(409);
        assertThat(handshakeStatus("/v1/audio/pcm?room=r1&participant=lee&track=t" + token))
                .isEqualTo(409);
        client.post(published("r1", "pub", t0 + 2, "alice", "opus", Codec.OPUS, 48000, 1));
        assertThat(handshakeStatus("/v1/audio/pcm?room=r1&participant=alice&track=opus" + token))
                .isEqualTo(409);
        assertThat(
                        sink.records(Topics.ROOM_EVENTS).stream()
                                .map(r -> parseEvent(r.value()).getKindCase().name()))
                .containsExactly(
                        "ROOM_OPENED",
                        "PARTICIPANT_JOINED",
                        "PARTICIPANT_JOINED",
                        "TRACK_PUBLISHED");
    }

    @Test
    void theSocketPublishesItsTrackAndPiecesAreStampedContinuouslyOnTheRoomClock()
            throws Exception {
        long before = CaptureGateway.wallClockUs();
        GatewayClient.AudioClient pcm = client.pcm(QUERY);
        RoomEvent published = parseEvent(sink.records(Topics.ROOM_EVENTS).get(3).value());
        assertThat(published.getTrackPublished().getCodec()).isEqualTo(Codec.PCM_S16LE);
        assertThat(published.getTrackPublished().getChannels()).isEqualTo(2);
        for (int i = 0; i < 10; i++) {
            byte[] piece = new byte[3840]; // 20 ms of 48 kHz stereo s16le
            piece[0] = (byte) i;
            pcm.send(piece);
            sleep(20);
        }
        pcm.send(new byte[] {1, 2, 3}); // not a whole sample: waits
        List<JsonNode> notices = pcm.awaitAck("egress", 9);
        assertThat(notices).noneMatch(n -> n.get("type").asText().equals("error"));
        List<AudioFrame> frames = media();
        assertThat(frames).hasSize(10);
        assertThat(frames.get(0).getTimestampUs())
                .isBetween(before - 40_000, CaptureGateway.wallClockUs());
        for (int i = 0; i < 10; i++) {
            AudioFrame f = frames.get(i);
            assertThat(f.getSequence()).isEqualTo(i);
            assertThat(f.getTimestampUs()).isEqualTo(frames.get(0).getTimestampUs() + i * 20_000L);
            assertThat(f.getDurationUs()).isEqualTo(20_000);
            assertThat(f.getPayload().byteAt(0)).isEqualTo((byte) i);
            assertThat(f.getSampleRate()).isEqualTo(48000);
        }
        pcm.close();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> audio().get(audio().size() - 1).getMark() == StreamMark.TRACK_ENDED);
        assertThat(parseEvent(last(sink.records(Topics.ROOM_EVENTS)).value()).getKindCase().name())
                .isEqualTo("TRACK_UNPUBLISHED");
    }

    @Test
    void aMuteLeavesSilenceAndTheRoomGetsClockMarks() throws Exception {
        GatewayClient.AudioClient pcm = client.pcm(QUERY);
        pcm.send(new byte[3840]);
        pcm.sendText("{\"muted\":true}");
        sleep(300);
        pcm.sendText("{\"muted\":false}");
        pcm.send(new byte[3840]);
        pcm.awaitAck("egress", 1);
        pcm.sendText("what is this");
        JsonNode refused = pcm.next();
        while (!refused.get("type").asText().equals("error")) {
            refused = pcm.next();
        }
        assertThat(refused.get("error").asText()).isEqualTo("MALFORMED");
        assertThat(refused.get("message").asText())
                .startsWith("a PCM socket takes binary s16le audio");
        List<AudioFrame> frames = media();
        assertThat(frames.get(1).getTimestampUs() - frames.get(0).getTimestampUs())
                .isGreaterThan(280_000);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> audio().stream().anyMatch(f -> f.getMark() == StreamMark.CLOCK));
        pcm.close();
    }

    @Test
    void whenTheParticipantLeavesTheGatewayClosesTheSocketAfterItsLastFrame() throws Exception {
        GatewayClient.AudioClient pcm = client.pcm(QUERY);
        pcm.send(new byte[3840]);
        pcm.awaitAck("egress", 0);
        assertThat(client.post(left("r1", "leave", CaptureGateway.wallClockUs(), "alice")).status())
                .isEqualTo(202);
        assertThat(pcm.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        List<AudioFrame> all = audio();
        assertThat(all.get(all.size() - 1).getMark()).isEqualTo(StreamMark.TRACK_ENDED);
        assertThatThrownBy(() -> client.pcm(QUERY)).isInstanceOf(CompletionException.class);
    }

    static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    static RoomEvent parseEvent(byte[] value) {
        try {
            return RoomEvent.parseFrom(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
