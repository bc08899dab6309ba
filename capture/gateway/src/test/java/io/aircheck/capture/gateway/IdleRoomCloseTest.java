package io.aircheck.capture.gateway;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aircheck.capture.room.IdleRoom;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.StreamMark;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A room whose close never comes is closed by the gateway after {@code AIRCHECK_ROOM_IDLE_CLOSE}
 * with nothing in it, through the real HTTP and WebSocket adapters (an in-memory log).
 */
class IdleRoomCloseTest {
    static final long T0 = 1_790_000_000_000_000L;
    static final long SECOND = 1_000_000;

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
                                "AIRCHECK_ROOM_IDLE_CLOSE", "30s"));
        sink = new FakeRecordSink();
        gateway = CaptureGateway.serve(config, sink, () -> null, clock::get);
        client = new GatewayClient(gateway.baseUrl(), "aircheck-dev-ingest");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aRoomWithNothingInItForTheIdleTimeIsClosedAtItsLastRecordAndSaysWhy() throws Exception {
        assertThat(client.post(opened("r1", "e1", T0)).status()).isEqualTo(202);
        assertThat(client.post(joined("r1", "e2", T0, "alice", Role.SPEAKER)).status())
                .isEqualTo(202);
        assertThat(client.post(published("r1", "e3", T0, "alice", "mic")).status()).isEqualTo(202);
        assertThat(client.post(opened("r2", "e1", T0)).status()).isEqualTo(202);
        GatewayClient.AudioClient audio = client.audio(false);
        clock.set(T0 + 20 * SECOND);
        audio.send(
                frame("r1", "alice", "mic", 0, T0 + 20 * SECOND)
                        .setDurationUs(20_000)
                        .build()
                        .toByteArray());
        audio.awaitAck("mic", 0);

        clock.set(T0 + 45 * SECOND); // r2 idle for 45 s, r1 for 25 s
        await().atMost(Duration.ofSeconds(10))
                .until(() -> closes().stream().anyMatch(e -> e.getRoomId().equals("r2")));
        Thread.sleep(1500); // a round or more of the sweep
        assertThat(closes()).extracting(RoomEvent::getRoomId).containsExactly("r2");

        clock.set(T0 + 50 * SECOND + 20_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> closes().size() == 2);

        RoomEvent close = closes().get(1);
        assertThat(close.getRoomId()).isEqualTo("r1");
        assertThat(close.getRoomClosed().getReason()).isEqualTo(IdleRoom.REASON);
        assertThat(close.getTimestampUs())
                .as("the end of the last frame, not the time of the sweep")
                .isEqualTo(T0 + 20 * SECOND + 20_000);
        assertThat(close.getSource()).isEqualTo(IdleRoomCloser.SOURCE);
        assertThat(close.getSessionId()).isNotEmpty();
        List<AudioFrame> ends =
                sink.records(Topics.ROOM_AUDIO).stream()
                        .map(r -> parseFrame(r.value()))
                        .filter(f -> f.getMark() == StreamMark.SESSION_ENDED)
                        .toList();
        assertThat(ends)
                .anySatisfy(
                        end -> {
                            assertThat(end.getRoomId()).isEqualTo("r1");
                            assertThat(end.getTimestampUs()).isEqualTo(close.getTimestampUs());
                        });
        assertThat(gateway.openRooms()).isZero();

        // the room is closed: what comes late is refused, and it is not closed twice
        audio.send(frame("r1", "alice", "mic", 1, T0 + 20 * SECOND + 20_000).build().toByteArray());
        JsonNode refused = audio.next();
        assertThat(refused.get("error").asText()).isEqualTo("CONFLICT");
        clock.set(T0 + 200 * SECOND);
        Thread.sleep(1500);
        assertThat(closes()).hasSize(2);
        assertThat(client.getText("/metrics"))
                .contains("aircheck_capture_idle_rooms_closed_total 2");
        audio.close();
    }

    private List<RoomEvent> closes() {
        return sink.records(Topics.ROOM_EVENTS).stream()
                .map(r -> parseEvent(r.value()))
                .filter(RoomEvent::hasRoomClosed)
                .toList();
    }

    private static RoomEvent parseEvent(byte[] value) {
        try {
            return RoomEvent.parseFrom(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static AudioFrame parseFrame(byte[] value) {
        try {
            return AudioFrame.parseFrom(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
