package io.aircheck.capture.gateway;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.aircheck.capture.stream.RtpPackets;
import io.aircheck.infra.embedded.EmbeddedKafka;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.DeadLetter;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.StreamMark;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fuzz run (seeded) against a gateway on the real broker: garbage and nearly-right datagrams on
 * the RTP port, garbage and wrong frames on both sockets, garbage events and bindings over HTTP,
 * interleaved with good audio on all three sources. The gateway stays up, refuses every bad one
 * with a reason (to the client where the protocol has a way back, to the .dlq topic always), and
 * every good frame lands once, in order.
 */
class FuzzITCase {
    static final String TOKEN = "fuzzer-secret-0123456789";
    static final int GOOD = 100;
    static EmbeddedKafka kafka;
    static CaptureGateway gateway;
    static GatewayClient client;

    @BeforeAll
    static void start() {
        kafka = SharedTestServers.kafka();
        kafka.createTopics(Topics.all(), 2);
        gateway =
                CaptureGateway.start(
                        CaptureConfig.fromEnv(
                                Map.of(
                                        "AIRCHECK_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                                        "AIRCHECK_CAPTURE_PORT", "0",
                                        "AIRCHECK_RTP_PORT", "0",
                                        "AIRCHECK_RTP_JITTER", "40ms",
                                        "AIRCHECK_MAX_FRAME_BYTES", "4096",
                                        "AIRCHECK_CAPTURE_DLQ_RATE", "100000",
                                        "AIRCHECK_INGEST_CREDENTIALS", "fuzzer:" + TOKEN)));
        client = new GatewayClient(gateway.baseUrl(), TOKEN);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** Datagrams that are not RTP, or RTP this gateway must refuse, each with why. */
    static List<byte[]> badDatagrams(Random random, int port) {
        List<byte[]> bad = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            byte[] junk = new byte[random.nextInt(1500)];
            random.nextBytes(junk);
            if (junk.length > 0) {
                junk[0] =
                        (byte)
                                (junk[0] & 0x3f
                                        | (random.nextBoolean() ? 0x40 : 0xc0)); // not version 2
            }
            bad.add(junk);
        }
        for (int i = 0; i < 150; i++) {
            byte[] payload = RtpPackets.opus20ms(i, 1 + random.nextInt(200));
            byte[] p = RtpPackets.packet(111, random.nextInt(65536), random.nextInt(), 42, payload);
            switch (i % 7) {
                case 0 -> p[0] = (byte) (0x80 | 0x0f); // 15 CSRCs that are not there
                case 1 -> p = RtpPackets.packet(111, 1, 2, 42, payload, 0, true, 0); // extension...
                case 2 -> p = RtpPackets.packet(0, 1, 2, 42, payload); // PCMU
                case 3 -> p = RtpPackets.packet(111, 1, 2, 100_000 + i, payload); // nobody's SSRC
                case 4 -> p = RtpPackets.packet(111, 1, 2, 42, new byte[0]); // no payload
                case 5 ->
                        p =
                                RtpPackets.packet(
                                        111, 1, 2, 42, new byte[] {(byte) 0xfb, 0}); // not Opus
                default -> p[p.length - 1] = 0; // ...
            }
            if (i % 7 == 1) {
                p[15] = (byte) 200; // ...whose length runs past the datagram
            }
            if (i % 7 == 6) {
                p[0] = (byte) (p[0] | 0x20); // padding of 0 bytes
            }
            bad.add(p);
        }
        return bad;
    }

    /** Socket messages that are not frames, or frames this room must refuse. */
    static List<byte[]> badFrames(Random random, String room, long t0) {
        List<byte[]> bad = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] junk = new byte[1 + random.nextInt(3000)];
            random.nextBytes(junk);
            junk[0] = (byte) 0xff; // never a valid first tag
            bad.add(junk);
        }
        long ts = t0 + 10_000_000;
        bad.add(frame(room + "-nowhere", "bob", "mic", 0, ts).build().toByteArray());
        bad.add(frame(room, "mallory", "mic", 0, ts).build().toByteArray());
        bad.add(frame(room, "bob", "nope", 0, ts).build().toByteArray());
        bad.add(
                frame(room, "bob", "mic", 0, ts)
                        .setPayload(ByteString.copyFrom(new byte[5000]))
                        .build()
                        .toByteArray());
        bad.add(
                frame(room, "bob", "mic", 0, ts)
                        .setMark(StreamMark.SESSION_ENDED)
                        .build()
                        .toByteArray());
        bad.add(frame(room, "bob", "mic", 0, 1).build().toByteArray());
        bad.add(frame(room, "bob", "mic", 0, ts).setSampleRate(8000).build().toByteArray());
        bad.add(
                frame(room, "bob", "mic", 0, ts)
                        .setPayload(ByteString.EMPTY)
                        .build()
                        .toByteArray());
        return bad;
    }

    static List<String> badEvents(Random random, String room) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[random.nextInt(400)];
            random.nextBytes(junk);
            bad.add(new String(junk, StandardCharsets.ISO_8859_1));
        }
        bad.add("{}");
        bad.add("[1,2,3]");
        bad.add("{\"eventId\":\"x\",\"roomId\":\"" + room + "\",\"roomOpened\":{\"title\":7}}");
        bad.add("{\"eventId\":\"x\",\"roomId\":\"" + room + "\"}");
        bad.add(
                "{\"eventId\":\"x\",\"roomId\":\""
                        + room
                        + "\",\"weather\":\"rain\",\"handRaised\":{}}");
        bad.add(
                "{\"eventId\":\"x y\",\"roomId\":\""
                        + room
                        + "\",\"handRaised\":{\"participantId\":\"bob\"}}");
        bad.add(
                "{\"eventId\":\"x\",\"roomId\":\""
                        + room
                        + "\",\"handRaised\":{\"participantId\":\"nobody\"}}");
        bad.add("{\"eventId\":\"x\",\"roomId\":\"" + room + "\",\"roomOpened\":{}}");
        bad.add(
                "{\"eventId\":\"x\",\"roomId\":\""
                        + room
                        + "\",\"timestampUs\":-5,\"handRaised\":{\"participantId\":\"bob\"}}");
        bad.add(
                "{\"eventId\":\"x\",\"roomId\":\""
                        + room
                        + "\",\"trackPublished\":{\"participantId\":\"bob\",\"trackId\":\"t\",\"codec\":\"OPUS\",\"sampleRate\":96000,\"channels\":1}}");
        return bad;
    }

    @Test
    void aFuzzRunIsRefusedItemByItemWithReasonsAndEveryGoodFrameLandsOnceInOrder()
            throws Exception {
        Random random = new Random(20261125);
        String room = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        long t0 = CaptureGateway.wallClockUs();
        assertThat(client.post(opened(room, "open", t0)).status()).isEqualTo(202);
        for (String p : List.of("alice", "bob", "carol")) {
            assertThat(client.post(joined(room, "join-" + p, t0 + 1, p, Role.SPEAKER)).status())
                    .isEqualTo(202);
        }
        assertThat(client.post(published(room, "pub-bob", t0 + 2, "bob", "mic")).status())
                .isEqualTo(202);
        int port =
                client.bindRtp(
                                room,
                                "{\"participantId\":\"alice\",\"trackId\":\"mic\",\"ssrc\":42,\"payloadType\":111}")
                        .body()
                        .get("port")
                        .asInt();
        GatewayClient.AudioClient frames = client.audio(false);
        GatewayClient.AudioClient pcm =
                client.pcm(
                        "room=" + room + "&participant=carol&track=egress&rate=16000&channels=1");

        List<byte[]> badDatagrams = badDatagrams(random, port);
        List<byte[]> badFrames = badFrames(random, room, t0);
        List<String> badEvents = badEvents(random, room);
        List<String> badBindings =
                List.of(
                        "nonsense",
                        "{\"participantId\":\"alice\"",
                        "{\"participantId\":\"alice\",\"trackId\":\"x\",\"ssrc\":-1}",
                        "{\"participantId\":\"alice\",\"trackId\":\"x\",\"colour\":1}",
                        "{\"participantId\":\"nobody\",\"trackId\":\"x\",\"ssrc\":7}");
        int badTexts = 20;
        try (RtpSender rtp = new RtpSender(port, 42, 100, 5_000)) {
            for (int i = 0; i < GOOD; i++) {
                rtp.next();
                frames.send(
                        frame(room, "bob", "mic", i, t0 + 100_000 + i * 20_000L)
                                .build()
                                .toByteArray());
                pcm.send(new byte[640]); // 20 ms at 16 kHz mono
                for (int k = i * 3; k < Math.min(badDatagrams.size(), i * 3 + 3); k++) {
                    rtp.send(badDatagrams.get(k));
                }
                if (i < badFrames.size()) {
                    frames.send(badFrames.get(i));
                }
                if (i < badTexts) {
                    pcm.sendText("{\"mute\": \"maybe\"} " + i);
                }
                if (i < badEvents.size()) {
                    GatewayClient.Answer answer = client.postJson(badEvents.get(i), TOKEN);
                    assertThat(answer.status()).as(badEvents.get(i)).isBetween(400, 499);
                    assertThat(answer.body().get("message").asText()).isNotBlank();
                }
                if (i < badBindings.size()) {
                    GatewayClient.Answer answer = client.bindRtp(room, badBindings.get(i));
                    assertThat(answer.status()).as(badBindings.get(i)).isBetween(400, 499);
                    assertThat(answer.body().get("message").asText()).isNotBlank();
                }
                Thread.sleep(20);
            }
        }
        int badFrameCount = Math.min(GOOD, badFrames.size());
        List<JsonNode> frameNotices = frames.awaitAck("mic", GOOD - 1);
        List<JsonNode> frameErrors = errors(frameNotices, frames, badFrameCount);
        assertThat(frameErrors)
                .hasSize(badFrameCount)
                .allSatisfy(e -> assertThat(e.get("message").asText()).isNotBlank());
        List<JsonNode> pcmErrors = errors(pcm.awaitAck("egress", GOOD - 1), pcm, badTexts);
        assertThat(pcmErrors).hasSize(badTexts);

        JsonNode health = client.get("/health").body();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("rtp").get("packets").get("outcome=\"accepted\"").asLong())
                .isEqualTo(GOOD);
        long refusedDatagrams =
                health.get("rtp").get("packets").path("outcome=\"malformed\"").asLong()
                        + health.get("rtp").get("packets").path("outcome=\"unbound\"").asLong()
                        + health.get("rtp").get("packets").path("outcome=\"refused\"").asLong();
        assertThat(refusedDatagrams).isEqualTo(badDatagrams.size());

        frames.close();
        pcm.close();
        assertThat(client.post(unpublished(room, "unpub-a", 0, "alice", "mic")).status())
                .isEqualTo(202);
        assertThat(client.post(closed(room, "close", 0)).status()).isEqualTo(202);
        List<AudioFrame> written =
                TopicReader.roomAudio(kafka.bootstrapServers(), room).stream()
                        .filter(f -> f.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED)
                        .toList();
        for (String p : List.of("alice", "bob", "carol")) {
            assertThat(written.stream().filter(f -> f.getParticipantId().equals(p)))
                    .as("good frames of %s", p)
                    .extracting(AudioFrame::getSequence)
                    .containsExactlyElementsOf(LongStream.range(0, GOOD).boxed().toList());
        }

        // every refusal went to a dead-letter topic, with its reason and the bytes as they came
        String rtpOrigin = "rtp udp/" + port + " ";
        int expectedAudio = badDatagrams.size() + badFrameCount + badTexts;
        List<DeadLetter> audioLetters =
                TopicReader.read(
                                kafka.bootstrapServers(),
                                Topics.deadLetter(Topics.ROOM_AUDIO),
                                r ->
                                        letterOf(r).getOrigin().startsWith(rtpOrigin)
                                                || letterOf(r)
                                                        .getOrigin()
                                                        .endsWith("source=fuzzer"),
                                seen -> seen.size() >= expectedAudio)
                        .stream()
                        .map(FuzzITCase::letterOf)
                        .toList();
        assertThat(audioLetters)
                .hasSize(expectedAudio)
                .allSatisfy(
                        d -> {
                            assertThat(d.getReason()).isNotBlank();
                            assertThat(d.getRejectedBy()).isEqualTo("capture-gateway");
                        });
        int expectedEvents = badEvents.size() + badBindings.size();
        List<DeadLetter> eventLetters =
                TopicReader.read(
                                kafka.bootstrapServers(),
                                Topics.deadLetter(Topics.ROOM_EVENTS),
                                r -> letterOf(r).getOrigin().endsWith("source=fuzzer"),
                                seen -> seen.size() >= expectedEvents)
                        .stream()
                        .map(FuzzITCase::letterOf)
                        .toList();
        assertThat(eventLetters)
                .hasSizeGreaterThanOrEqualTo(badEvents.size())
                .allSatisfy(d -> assertThat(d.getReason()).isNotBlank());
    }

    /** The error notices among {@code seen}, waiting for more until there are {@code count}. */
    static List<JsonNode> errors(List<JsonNode> seen, GatewayClient.AudioClient client, int count)
            throws InterruptedException {
        List<JsonNode> errors =
                new ArrayList<>(
                        seen.stream().filter(n -> n.get("type").asText().equals("error")).toList());
        while (errors.size() < count) {
            JsonNode next = client.next();
            if (next.get("type").asText().equals("error")) {
                errors.add(next);
            }
        }
        return errors;
    }

    static DeadLetter letterOf(
            org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record) {
        try {
            return DeadLetter.parseFrom(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
