package io.aircheck.capture.gateway;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aircheck.infra.embedded.EmbeddedKafka;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.StreamMark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops in the middle of a room and starts again on the same data and port: the gateway
 * says so in its health, holds on (bounded), acknowledges nothing it has not got into the log, and
 * catches up; every acknowledged frame is in the log once, and nothing the sources sent is lost.
 */
class BrokerRestartITCase {
    static final String TOKEN = "aircheck-dev-ingest";
    static final int FRAMES = 300; // 6 s of 20 ms frames per source

    @TempDir Path dir;
    EmbeddedKafka kafka;
    CaptureGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** A protobuf frame source that keeps what is unacknowledged and sends again what failed. */
    static final class ResendingSource {
        final GatewayClient.AudioClient socket;
        final Map<Long, byte[]> unacknowledged = new ConcurrentSkipListMap<>();
        final AtomicLong acknowledged = new AtomicLong(-1);
        final AtomicLong resent = new AtomicLong();
        final Thread listener;

        ResendingSource(GatewayClient.AudioClient socket) {
            this.socket = socket;
            this.listener = new Thread(this::listen, "resending-source");
            this.listener.setDaemon(true);
            this.listener.start();
        }

        void send(long sequence, byte[] frame) {
            unacknowledged.put(sequence, frame);
            socket.send(frame);
        }

        private void listen() {
            try {
                while (true) {
                    JsonNode notice = socket.notices.take();
                    long sequence = notice.path("sequence").asLong();
                    if (notice.get("type").asText().equals("ack")) {
                        acknowledged.accumulateAndGet(sequence, Math::max);
                        unacknowledged.keySet().removeIf(s -> s <= sequence);
                    } else if (notice.path("error").asText().equals("UNAVAILABLE")) {
                        byte[] again = unacknowledged.get(sequence);
                        if (again != null) {
                            resent.incrementAndGet();
                            socket.send(again);
                        }
                    } else {
                        throw new AssertionError("refused: " + notice);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aBrokerStoppedAndStartedMidRoomLosesNothingAcknowledgedAndTheGatewayCatchesUp()
            throws Exception {
        Path data = dir.resolve("kafka");
        kafka = EmbeddedKafka.start(data, 0);
        int kafkaPort =
                Integer.parseInt(
                        kafka.bootstrapServers()
                                .substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
        kafka.createTopics(Topics.all(), 2);
        gateway =
                CaptureGateway.start(
                        CaptureConfig.fromEnv(
                                Map.of(
                                        "AIRCHECK_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                                        "AIRCHECK_CAPTURE_PORT", "0",
                                        "AIRCHECK_RTP_PORT", "0",
                                        "AIRCHECK_RTP_JITTER", "40ms",
                                        "AIRCHECK_CAPTURE_WRITE_TIMEOUT", "60s")));
        GatewayClient client = new GatewayClient(gateway.baseUrl(), TOKEN);
        String room = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        long t0 = CaptureGateway.wallClockUs();
        assertThat(client.post(opened(room, "open", t0)).status()).isEqualTo(202);
        for (String p : List.of("alice", "bob", "carol")) {
            assertThat(client.post(joined(room, "join-" + p, t0 + 1, p, Role.SPEAKER)).status())
                    .isEqualTo(202);
        }
        assertThat(client.post(published(room, "pub", t0 + 2, "alice", "mic")).status())
                .isEqualTo(202);
        int port =
                client.bindRtp(room, "{\"participantId\":\"bob\",\"trackId\":\"mic\",\"ssrc\":77}")
                        .body()
                        .get("port")
                        .asInt();
        ResendingSource alice = new ResendingSource(client.audio(false));
        GatewayClient.AudioClient carol =
                client.pcm(
                        "room=" + room + "&participant=carol&track=egress&rate=16000&channels=1");

        CompletableFuture<Void> sending =
                CompletableFuture.runAsync(
                        () -> {
                            try (RtpSender bob = new RtpSender(port, 77, 0, 0)) {
                                for (long k = 0; k < FRAMES; k++) {
                                    alice.send(
                                            k,
                                            frame(
                                                            room,
                                                            "alice",
                                                            "mic",
                                                            k,
                                                            t0 + 100_000 + k * 20_000)
                                                    .build()
                                                    .toByteArray());
                                    bob.next();
                                    carol.send(new byte[640]);
                                    Thread.sleep(20);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        Thread.sleep(1_500);
        kafka.close();
        // while the log is away: health says so, and nothing more is acknowledged
        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/health").status() == 503);
        JsonNode down = client.get("/health").body();
        assertThat(down.get("status").asText()).isEqualTo("DOWN");
        assertThat(down.get("kafka").asText()).startsWith("unreachable");
        CompletableFuture<GatewayClient.Answer> handDuringOutage =
                CompletableFuture.supplyAsync(
                        () -> client.post(handRaised(room, "hand", 0, "carol")));
        long ackedWhileDown = alice.acknowledged.get();
        Thread.sleep(2_000);
        JsonNode behind = client.get("/health").body();
        assertThat(behind.get("log").get("stalledMs").asLong()).isPositive();
        assertThat(alice.acknowledged.get()).isLessThanOrEqualTo(ackedWhileDown + 1);

        kafka = EmbeddedKafka.start(data, kafkaPort);
        sending.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> alice.acknowledged.get() == FRAMES - 1);
        carol.awaitAck("egress", FRAMES - 1);
        assertThat(handDuringOutage.get().status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get("/health").body().get("status").asText().equals("UP"));

        carol.close();
        alice.socket.close();
        assertThat(client.post(unpublished(room, "unpub-b", 0, "bob", "mic")).status())
                .isEqualTo(202);
        assertThat(client.post(closed(room, "close", 0)).status()).isEqualTo(202);
        List<AudioFrame> written =
                TopicReader.roomAudio(kafka.bootstrapServers(), room).stream()
                        .filter(f -> f.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED)
                        .toList();
        for (String p : List.of("alice", "bob", "carol")) {
            assertThat(written.stream().filter(f -> f.getParticipantId().equals(p)))
                    .as("%s's frames in the log", p)
                    .extracting(AudioFrame::getSequence)
                    .containsExactlyElementsOf(LongStream.range(0, FRAMES).boxed().toList());
        }
        String metrics = client.getText("/metrics");
        assertThat(metrics).doesNotContain("aircheck_capture_audio_dropped_total{");
    }
}
