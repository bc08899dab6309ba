package io.aircheck.capture.gateway;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.DeadLetter;
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

/** RTP over real UDP into a gateway whose log is in memory: bindings, frames, refusals, marks. */
class RtpAdaptersTest {
    static final String TOKEN = "aircheck-dev-ingest";

    FakeRecordSink sink;
    CaptureGateway gateway;
    GatewayClient client;
    final AtomicLong clock = new AtomicLong();

    @BeforeEach
    void start() {
        CaptureConfig config =
                CaptureConfig.fromEnv(
                        Map.of(
                                "AIRCHECK_CAPTURE_PORT", "0",
                                "AIRCHECK_RTP_PORT", "0",
                                "AIRCHECK_RTP_PORTS", "2",
                                "AIRCHECK_RTP_JITTER", "60ms"));
        sink = new FakeRecordSink();
        gateway = CaptureGateway.serve(config, sink, () -> null, CaptureGateway::wallClockUs);
        client = new GatewayClient(gateway.baseUrl(), TOKEN);
        long t0 = CaptureGateway.wallClockUs() - 1_000_000;
        assertThat(client.post(opened("r1", "open", t0)).status()).isEqualTo(202);
        for (String p : List.of("alice", "bob")) {
            assertThat(client.post(joined("r1", "join-" + p, t0 + 1, p, Role.SPEAKER)).status())
                    .isEqualTo(202);
        }
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

    List<AudioFrame> media(String participant) {
        return audio().stream()
                .filter(f -> f.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED)
                .filter(f -> f.getParticipantId().equals(participant))
                .toList();
    }

    List<DeadLetter> deadLetters() {
        return sink.records(Topics.deadLetter(Topics.ROOM_AUDIO)).stream()
                .map(
                        r -> {
                            try {
                                return DeadLetter.parseFrom(r.value());
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .toList();
    }

    static void pace() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aBindingPublishesTheTrackAndItsPacketsBecomeFramesOnTheRoomClock() throws Exception {
        GatewayClient.Answer bound =
                client.bindRtp(
                        "r1",
                        "{\"participantId\":\"alice\",\"trackId\":\"mic\",\"ssrc\":3735928559,\"payloadType\":111}");
        assertThat(bound.status()).isEqualTo(201);
        int port = bound.body().get("port").asInt();
        assertThat(port).isEqualTo(gateway.rtpPorts().sharedPort());
        assertThat(bound.body().get("ssrc").asLong()).isEqualTo(3735928559L);
        RoomEvent published = RoomEvent.parseFrom(sink.records(Topics.ROOM_EVENTS).get(3).value());
        assertThat(published.getTrackPublished().getCodec()).isEqualTo(Codec.OPUS);
        assertThat(published.getTrackPublished().getRtp().getPort()).isEqualTo(port);
        assertThat(published.getSource()).isEqualTo("simulator");

        try (RtpSender sender = new RtpSender(port, 3735928559L, 65_530, 4_294_960_000L)) {
            for (int i = 0; i < 12; i++) {
                sender.next();
                pace();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> media("alice").size() == 12);
        List<AudioFrame> frames = media("alice");
        for (int i = 0; i < frames.size(); i++) {
            AudioFrame f = frames.get(i);
            assertThat(f.getSequence()).isEqualTo(i);
            assertThat(f.getTimestampUs() - frames.get(0).getTimestampUs()).isEqualTo(i * 20_000L);
            assertThat(f.getDurationUs()).isEqualTo(20_000);
            assertThat(f.getCodec()).isEqualTo(Codec.OPUS);
            assertThat(f.getPayload().byteAt(1)).isEqualTo((byte) ((65_530 + i) & 0x7f));
            assertThat(f.getDiscontinuity()).isFalse();
        }
        JsonNode listed = client.rtpBindings("r1").body().get("bindings").get(0);
        assertThat(listed.get("packets").asLong()).isEqualTo(12);
        assertThat(listed.get("framesWritten").asLong()).isEqualTo(12);
    }

    @Test
    void garbageUnboundStreamsAndWrongPayloadTypesAreRefusedWithTheSourceAddress()
            throws Exception {
        int port =
                client.bindRtp(
                                "r1",
                                "{\"participantId\":\"alice\",\"trackId\":\"mic\",\"ssrc\":7,\"payloadType\":111}")
                        .body()
                        .get("port")
                        .asInt();
        try (RtpSender sender = new RtpSender(port, 7, 0, 0);
                RtpSender stranger = new RtpSender(port, 999, 0, 0)) {
            sender.send("hello, this is not RTP".getBytes());
            stranger.next();
            sender.payloadType = 0;
            sender.next();
            sender.payloadType = 111;
            sender.send(new byte[] {(byte) 0x80, (byte) 200, 0, 6, 0, 0, 0, 7}); // RTCP SR
            for (int i = 0; i < 5; i++) {
                sender.next();
                pace();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> media("alice").size() == 5);
            List<DeadLetter> dead = deadLetters();
            assertThat(dead)
                    .extracting(DeadLetter::getReason)
                    .containsExactly(
                            "not an RTP packet: RTP version 1 (first byte 0x68); expected 2",
                            "no track is bound to SSRC 999 on UDP port "
                                    + port
                                    + ": bind it first (POST /v1/rooms/{room}/rtp-bindings)",
                            "payload type 0 is not this track's Opus payload type 111");
            assertThat(dead.get(0).getOrigin())
                    .isEqualTo("rtp udp/" + port + " from /127.0.0.1:" + sender.localPort());
            assertThat(dead.get(1).getOrigin()).contains("from /127.0.0.1:" + stranger.localPort());
            assertThat(dead.get(2).getRoomId()).isEqualTo("r1");
            assertThat(dead.get(2).getOrigin()).endsWith("source=simulator");
            assertThat(dead.get(0).getValue().toStringUtf8()).isEqualTo("hello, this is not RTP");
        }
        String metrics = client.getText("/metrics");
        assertThat(metrics)
                .contains("aircheck_capture_rtp_packets_total{outcome=\"malformed\"} 1")
                .contains("aircheck_capture_rtp_packets_total{outcome=\"unbound\"} 1")
                .contains("aircheck_capture_rtp_packets_total{outcome=\"refused\"} 1")
                .contains("aircheck_capture_rtp_packets_total{outcome=\"rtcp\"} 1")
                .contains("aircheck_capture_rtp_packets_total{outcome=\"accepted\"} 5");
        assertThat(client.get("/health").body().get("rtp").get("kernelDrops").asLong()).isZero();
        assertThat(metrics).contains("aircheck_capture_rtp_kernel_drops 0");
    }

    @Test
    void aPortOfItsOwnTakesAnySsrcAndANewSsrcCarriesTheTrackOn() {
        GatewayClient.Answer bound =
                client.bindRtp("r1", "{\"participantId\":\"bob\",\"trackId\":\"mic\"}");
        assertThat(bound.status()).isEqualTo(201);
        int port = bound.body().get("port").asInt();
        assertThat(gateway.rtpPorts().ownPorts()).contains(port);
        assertThat(bound.body().has("ssrc")).isFalse();
        try (RtpSender first = new RtpSender(port, 1, 100, 0);
                RtpSender second = new RtpSender(port, 2, 40_000, 123_456)) {
            for (int i = 0; i < 5; i++) {
                first.next();
                pace();
            }
            for (int i = 0; i < 5; i++) {
                second.next();
                pace();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> media("bob").size() == 10);
        List<AudioFrame> frames = media("bob");
        assertThat(frames)
                .extracting(AudioFrame::getSequence)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).getTimestampUs())
                    .isGreaterThanOrEqualTo(frames.get(i - 1).getTimestampUs() + 20_000);
        }
        assertThat(
                        client.rtpBindings("r1")
                                .body()
                                .get("bindings")
                                .get(0)
                                .get("ssrcChanges")
                                .asInt())
                .isEqualTo(1);
        GatewayClient.Answer taken =
                client.bindRtp(
                        "r1",
                        "{\"participantId\":\"alice\",\"trackId\":\"mic\",\"port\":" + port + "}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().get("message").asText())
                .isEqualTo("RTP port " + port + " is already bound to another track");
    }

    @Test
    void framesStillHeldWhenTheTrackEndsAreWrittenBeforeItsEnd() {
        int port =
                client.bindRtp("r1", "{\"participantId\":\"alice\",\"trackId\":\"mic\",\"ssrc\":5}")
                        .body()
                        .get("port")
                        .asInt();
        try (RtpSender sender = new RtpSender(port, 5, 0, 0)) {
            sender.next();
            sender.skip(); // a gap: what follows waits for it
            sender.next();
            sender.next();
            pace();
            assertThat(
                            client.post(
                                            unpublished(
                                                    "r1",
                                                    "unpub",
                                                    CaptureGateway.wallClockUs(),
                                                    "alice",
                                                    "mic"))
                                    .status())
                    .isEqualTo(202);
        }
        List<AudioFrame> written =
                audio().stream().filter(f -> f.getParticipantId().equals("alice")).toList();
        assertThat(written)
                .extracting(f -> f.getMark() + "/" + f.getSequence() + "/" + f.getDiscontinuity())
                .containsExactly(
                        "STREAM_MARK_UNSPECIFIED/0/false",
                        "STREAM_MARK_UNSPECIFIED/2/true",
                        "STREAM_MARK_UNSPECIFIED/3/false",
                        "TRACK_ENDED/0/false");
    }

    @Test
    void roomsWithGatewayStampedTracksGetClockMarksUntilTheyClose() {
        client.bindRtp("r1", "{\"participantId\":\"alice\",\"trackId\":\"mic\",\"ssrc\":5}");
        await().atMost(Duration.ofSeconds(5)).until(() -> clockMarks().size() >= 2);
        List<AudioFrame> marks = clockMarks();
        assertThat(marks.get(1).getTimestampUs()).isGreaterThan(marks.get(0).getTimestampUs());
        assertThat(marks.get(0).getTimestampUs()).isLessThan(CaptureGateway.wallClockUs() - 60_000);
        assertThat(client.post(closed("r1", "close", CaptureGateway.wallClockUs())).status())
                .isEqualTo(202);
        List<AudioFrame> all = audio();
        AudioFrame last = all.get(all.size() - 1);
        assertThat(last.getMark()).isEqualTo(StreamMark.SESSION_ENDED);
        int before = clockMarks().size();
        try {
            Thread.sleep(1_200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(clockMarks()).hasSize(before);
    }

    List<AudioFrame> clockMarks() {
        return audio().stream().filter(f -> f.getMark() == StreamMark.CLOCK).toList();
    }
}
