package io.aircheck.capture.gateway;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.StreamMark;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A log that stops acknowledging: sockets stop being read within bounded memory and catch up when
 * it comes back; RTP, which cannot be pushed back, is dropped past a bound and counted; health says
 * so all along.
 */
class BackpressureTest {
    static final String TOKEN = "aircheck-dev-ingest";

    FakeRecordSink sink;
    CaptureGateway gateway;
    GatewayClient client;
    long t0;

    @BeforeEach
    void start() {
        CaptureConfig config =
                CaptureConfig.fromEnv(
                        Map.of(
                                "AIRCHECK_CAPTURE_PORT", "0",
                                "AIRCHECK_RTP_PORT", "0",
                                "AIRCHECK_RTP_JITTER", "20ms",
                                "AIRCHECK_MAX_FRAME_BYTES", "8192",
                                "AIRCHECK_CAPTURE_BUFFER_BYTES", "1048576"));
        sink = new FakeRecordSink();
        gateway = CaptureGateway.serve(config, sink, () -> null, CaptureGateway::wallClockUs);
        client = new GatewayClient(gateway.baseUrl(), TOKEN);
        t0 = CaptureGateway.wallClockUs() - 1_000_000;
        client.post(opened("r1", "open", t0));
        client.post(joined("r1", "join-a", t0 + 1, "alice", Role.SPEAKER));
        client.post(joined("r1", "join-b", t0 + 1, "bob", Role.SPEAKER));
        client.post(published("r1", "pub", t0 + 2, "alice", "mic"));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    byte[] bigFrame(long sequence) {
        return frame("r1", "alice", "mic", sequence, t0 + 10 + sequence * 20_000)
                .setPayload(ByteString.copyFrom(new byte[8000]))
                .build()
                .toByteArray();
    }

    /** The write budget has no room for another big frame: the socket waits for the log. */
    boolean budgetFull() {
        JsonNode health = client.get("/health").body();
        JsonNode log = health.get("log");
        return health.get("audioConnectionsPaused").asInt() == 1
                && log.get("inFlightBytes").asLong() + 8_100 > log.get("budgetBytes").asLong();
    }

    long droppedRtp() {
        return client.get("/health")
                .body()
                .get("dropped")
                .path("source=\"rtp\",reason=\"backpressure\"")
                .asLong();
    }

    boolean rtpSettled(long sent) {
        long waiting = client.get("/health").body().get("rtp").get("framesWaiting").asLong();
        return waiting == 500 && media("bob").size() + waiting + droppedRtp() == sent;
    }

    List<AudioFrame> media(String participant) {
        return sink.records(Topics.ROOM_AUDIO).stream()
                .map(r -> GatewayAdaptersTest.parse(r.value()))
                .filter(f -> f.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED)
                .filter(f -> f.getParticipantId().equals(participant))
                .toList();
    }

    @Test
    void aSocketIsNotReadWhileTheLogIsBehindAndCatchesUpWithNothingLost() throws Exception {
        sink.holdWrites();
        GatewayClient.AudioClient audio = client.audio(false);
        Thread sender =
                new Thread(
                        () -> {
                            for (long s = 0; s < 300; s++) {
                                audio.send(bigFrame(s));
                            }
                        });
        sender.start();
        await().atMost(Duration.ofSeconds(10)).until(this::budgetFull);
        JsonNode health = client.get("/health").body();
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("log").get("behind").asBoolean()).isTrue();
        long budget = health.get("log").get("budgetBytes").asLong();
        assertThat(health.get("log").get("inFlightBytes").asLong()).isLessThanOrEqualTo(budget);
        int held = sink.heldCount();
        assertThat(held).isBetween(50, 120); // what fits in the budget, not all 300
        assertThat(client.getText("/metrics"))
                .contains("aircheck_capture_audio_connections_paused 1");

        sink.release();
        sender.join(30_000);
        List<JsonNode> notices = audio.awaitAck("mic", 299);
        assertThat(notices).noneMatch(n -> n.get("type").asText().equals("error"));
        assertThat(media("alice"))
                .extracting(AudioFrame::getSequence)
                .containsExactlyElementsOf(LongStream.range(0, 300).boxed().toList());
        assertThat(client.get("/health").body().get("status").asText()).isEqualTo("UP");
        audio.close();
    }

    @Test
    void rtpThatTheLogCannotTakeIsDroppedPastABoundCountedAndMarked() throws Exception {
        int port =
                client.bindRtp("r1", "{\"participantId\":\"bob\",\"trackId\":\"mic\",\"ssrc\":9}")
                        .body()
                        .get("port")
                        .asInt();
        sink.holdWrites();
        GatewayClient.AudioClient audio = client.audio(false);
        for (long s = 0; s < 150; s++) {
            audio.send(bigFrame(s)); // fills the write budget
        }
        await().atMost(Duration.ofSeconds(10)).until(this::budgetFull);
        try (RtpSender rtp = new RtpSender(port, 9, 0, 0)) {
            for (int i = 0; i < 600; i++) {
                rtp.next();
                if (i % 50 == 0) {
                    Thread.sleep(5);
                }
            }
        }
        // each packet ends up written (what fitted in the budget), waiting (500), or dropped
        await().atMost(Duration.ofSeconds(10)).until(() -> rtpSettled(600));
        long written = media("bob").size();
        long dropped = droppedRtp();
        assertThat(dropped).isPositive().isEqualTo(600 - 500 - written);
        assertThat(client.getText("/metrics"))
                .contains(
                        "aircheck_capture_audio_dropped_total{source=\"rtp\",reason=\"backpressure\"} "
                                + dropped);

        sink.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> media("bob").size() == 600 - dropped);
        List<AudioFrame> bob = media("bob");
        AudioFrame afterGap = bob.get((int) written);
        assertThat(afterGap.getSequence()).isEqualTo(written + dropped);
        assertThat(afterGap.getDiscontinuity()).isTrue();
        assertThat(bob.get(bob.size() - 1).getSequence()).isEqualTo(599);
        assertThat(bob).filteredOn(AudioFrame::getDiscontinuity).containsExactly(afterGap);
        assertThat(sink.records(Topics.deadLetter(Topics.ROOM_AUDIO))).isEmpty();
        audio.close();
    }
}
