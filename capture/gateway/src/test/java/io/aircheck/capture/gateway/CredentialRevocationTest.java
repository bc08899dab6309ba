package io.aircheck.capture.gateway;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aircheck.config.ConfigException;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.DeadLetter;
import io.aircheck.protocol.v1.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials from a file: removing a line revokes that source everywhere, at once. */
class CredentialRevocationTest {
    static final String JANUS = "janus-secret-0123456789";
    static final String SIM = "simulator-secret-0123456789";

    @TempDir Path dir;
    Path file;
    FakeRecordSink sink;
    CaptureGateway gateway;

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("ingest-credentials");
        Files.writeString(file, "# sources\njanus:" + JANUS + "\nsimulator:" + SIM + "\n");
        CaptureConfig config =
                CaptureConfig.fromEnv(
                        Map.of(
                                "AIRCHECK_CAPTURE_PORT", "0",
                                "AIRCHECK_RTP_PORT", "0",
                                "AIRCHECK_RTP_JITTER", "20ms",
                                "AIRCHECK_INGEST_CREDENTIALS_FILE", file.toString()));
        assertThat(config.credentials().names()).containsExactly("janus", "simulator");
        sink = new FakeRecordSink();
        gateway = CaptureGateway.serve(config, sink, () -> null, CaptureGateway::wallClockUs);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aRevokedSourceIsRefusedOnHttpItsSocketsCloseAndItsRtpStreamsAreRefused() throws Exception {
        GatewayClient janus = new GatewayClient(gateway.baseUrl(), JANUS);
        GatewayClient sim = new GatewayClient(gateway.baseUrl(), SIM);
        long t0 = CaptureGateway.wallClockUs() - 1_000_000;
        assertThat(janus.post(opened("r1", "open", t0)).status()).isEqualTo(202);
        janus.post(joined("r1", "join", t0 + 1, "alice", Role.SPEAKER));
        janus.post(published("r1", "pub", t0 + 2, "alice", "ws"));
        int port =
                janus.bindRtp("r1", "{\"participantId\":\"alice\",\"trackId\":\"mic\",\"ssrc\":77}")
                        .body()
                        .get("port")
                        .asInt();
        GatewayClient.AudioClient socket = janus.audio(false);

        Files.writeString(file, "# janus is gone\nsimulator:" + SIM + "\n");
        assertThat(socket.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(janus.post(handRaised("r1", "hand", t0 + 3, "alice")).status()).isEqualTo(401);
        assertThatThrownBy(() -> janus.audio(true))
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);
        try (RtpSender rtp = new RtpSender(port, 77, 0, 0)) {
            rtp.next();
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !sink.records(Topics.deadLetter(Topics.ROOM_AUDIO)).isEmpty());
        DeadLetter letter =
                DeadLetter.parseFrom(
                        sink.records(Topics.deadLetter(Topics.ROOM_AUDIO)).get(0).value());
        assertThat(letter.getReason())
                .isEqualTo("the ingest credential 'janus' that bound this stream was revoked");
        assertThat(sim.post(handRaised("r1", "hand-2", t0 + 3, "alice")).status()).isEqualTo(202);
        assertThat(sim.get("/health").body().get("credentials").asText()).isEqualTo("ok");

        Files.writeString(file, "simulator:short\n");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !sim.get("/health").body().get("credentials").asText().equals("ok"));
        assertThat(sim.get("/health").body().get("credentials").asText())
                .contains("the secret of 'simulator' is shorter than 16 characters")
                .contains("kept the credentials before")
                .doesNotContain("short\n");
        assertThat(sim.get("/health").body().get("status").asText()).isEqualTo("DEGRADED");
        assertThat(sim.post(handLowered("r1", "hand-3", t0 + 4, "alice")).status()).isEqualTo(202);
    }

    @Test
    void aBadFileStopsTheStartNamingTheSettingWithoutSecrets() throws Exception {
        Files.writeString(file, "janus:" + JANUS + "\nnot a credential\nbob:tiny\n");
        assertThatThrownBy(
                        () ->
                                CaptureConfig.fromEnv(
                                        Map.of(
                                                "AIRCHECK_INGEST_CREDENTIALS_FILE",
                                                file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AIRCHECK_INGEST_CREDENTIALS_FILE: line 2 is not name:secret")
                .hasMessageContaining("the secret of 'bob' is shorter than 16 characters")
                .hasMessageNotContaining("tiny");
        assertThatThrownBy(
                        () ->
                                CaptureConfig.fromEnv(
                                        Map.of(
                                                "AIRCHECK_INGEST_CREDENTIALS_FILE",
                                                dir.resolve("missing").toString())))
                .hasMessageContaining("cannot read");
    }
}
