package io.aircheck.capture.gateway;

import io.aircheck.config.EnvReader;
import io.aircheck.config.KafkaSettings;
import io.aircheck.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The capture gateway's configuration, read once from the environment at start-up. */
public record CaptureConfig(
        KafkaSettings kafka,
        String host,
        int port,
        IngestCredentials credentials,
        int maxFrameBytes,
        Duration writeTimeout,
        int producerBufferBytes,
        RtpSettings rtp,
        int deadLettersPerSecond,
        Path credentialsFile,
        String credentialsInline,
        Duration idleClose) {

    public static final Setting<String> HOST =
            Setting.string(
                    "AIRCHECK_CAPTURE_HOST",
                    "127.0.0.1",
                    "Address the capture gateway listens on (0.0.0.0 for every interface).");
    public static final Setting<Integer> PORT =
            Setting.port(
                    "AIRCHECK_CAPTURE_PORT",
                    8090,
                    "Port of the capture gateway (HTTP events, WebSocket audio, /health, /metrics); 0 picks a free one.");
    public static final Setting<String> CREDENTIALS =
            Setting.string(
                    "AIRCHECK_INGEST_CREDENTIALS",
                    "simulator:aircheck-dev-ingest",
                    "Ingest credentials, comma-separated name:secret (name a valid id, secret at least 16 characters); sources send the secret as a Bearer token.");
    public static final Setting<Integer> MAX_FRAME_BYTES =
            Setting.positiveInt(
                    "AIRCHECK_MAX_FRAME_BYTES",
                    65536,
                    "Largest audio frame payload accepted, in bytes.");
    public static final Setting<Duration> WRITE_TIMEOUT =
            Setting.duration(
                    "AIRCHECK_CAPTURE_WRITE_TIMEOUT",
                    "10s",
                    "How long a write may wait for Kafka's acknowledgement before the source is told the log is unavailable (HTTP 503).");
    public static final Setting<Integer> PRODUCER_BUFFER_BYTES =
            Setting.positiveInt(
                    "AIRCHECK_CAPTURE_BUFFER_BYTES",
                    32 * 1024 * 1024,
                    "Memory the Kafka producer may hold for unacknowledged records; when full, sources wait, then are refused.");

    public static final Setting<String> CREDENTIALS_FILE =
            Setting.optional(
                    "AIRCHECK_INGEST_CREDENTIALS_FILE",
                    "File of ingest credentials, one name:secret per line (# comments), re-read when it changes: remove a line to revoke a credential (its connections are closed, its RTP streams refused). When set, AIRCHECK_INGEST_CREDENTIALS counts only if set explicitly.");
    public static final Setting<Integer> DEAD_LETTERS_PER_SECOND =
            Setting.positiveInt(
                    "AIRCHECK_CAPTURE_DLQ_RATE",
                    100,
                    "Dead letters written per second per .dlq topic (bursts of twice that); refusals beyond it are still counted in /metrics, not written (floods of garbage).");
    public static final Setting<Duration> IDLE_CLOSE =
            Setting.duration(
                    "AIRCHECK_ROOM_IDLE_CLOSE",
                    "10m",
                    "An open room with no event and no audio for this long is closed by the gateway (RoomClosed, reason idle, at the end of its last record), for rooms whose close never comes.");

    /** Every setting, for the README's table. */
    public static final List<Setting<?>> SETTINGS =
            List.of(
                    KafkaSettings.BOOTSTRAP,
                    HOST,
                    PORT,
                    CREDENTIALS,
                    CREDENTIALS_FILE,
                    MAX_FRAME_BYTES,
                    WRITE_TIMEOUT,
                    PRODUCER_BUFFER_BYTES,
                    DEAD_LETTERS_PER_SECOND,
                    IDLE_CLOSE,
                    RtpSettings.PORT,
                    RtpSettings.PORTS,
                    RtpSettings.REORDER_HOLD);

    public static CaptureConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        KafkaSettings kafka = KafkaSettings.read(reader);
        String host = reader.get(HOST);
        if (host != null && host.isBlank()) {
            reader.problem(HOST.env() + ": must not be blank");
        }
        Integer port = reader.get(PORT);
        String file = reader.get(CREDENTIALS_FILE);
        Path credentialsFile = file == null || file.isEmpty() ? null : Path.of(file);
        List<String> credentialProblems = new ArrayList<>();
        IngestCredentials credentials;
        // with a file, the default (development) credential does not come along
        String inline = credentialsFile == null ? null : env.get(CREDENTIALS.env());
        if (credentialsFile == null) {
            credentials = IngestCredentials.parse(reader.get(CREDENTIALS), credentialProblems);
        } else {
            credentials =
                    CredentialsFile.read(credentialsFile, inline, credentialProblems).orElse(null);
            if (credentials != null && credentials.names().isEmpty()) {
                credentialProblems.add(credentialsFile + " holds no name:secret");
            }
        }
        credentialProblems.forEach(
                p ->
                        reader.problem(
                                (credentialsFile == null ? CREDENTIALS : CREDENTIALS_FILE).env()
                                        + ": "
                                        + p));
        Integer maxFrameBytes = reader.get(MAX_FRAME_BYTES);
        if (maxFrameBytes != null && maxFrameBytes > 1024 * 1024) {
            reader.problem(MAX_FRAME_BYTES.env() + "=" + maxFrameBytes + ": at most 1048576");
        }
        Duration writeTimeout = reader.get(WRITE_TIMEOUT);
        if (writeTimeout != null && writeTimeout.toMillis() < 1000) {
            reader.problem(WRITE_TIMEOUT.env() + "=" + writeTimeout + ": at least 1s");
        }
        Integer buffer = reader.get(PRODUCER_BUFFER_BYTES);
        if (buffer != null && buffer < 1024 * 1024) {
            reader.problem(PRODUCER_BUFFER_BYTES.env() + "=" + buffer + ": at least 1048576");
        }
        Integer deadLetters = reader.get(DEAD_LETTERS_PER_SECOND);
        RtpSettings rtp = RtpSettings.read(reader);
        Duration idleClose = reader.get(IDLE_CLOSE);
        if (idleClose != null && idleClose.toMillis() < 1000) {
            reader.problem(IDLE_CLOSE.env() + "=" + idleClose + ": at least 1s");
        }
        reader.validate("capture gateway");
        return new CaptureConfig(
                kafka,
                host.trim(),
                port,
                credentials,
                maxFrameBytes,
                writeTimeout,
                buffer,
                rtp,
                deadLetters,
                credentialsFile,
                inline,
                idleClose);
    }

    /** The same configuration on another Kafka and port (tests, the embedded stack). */
    public CaptureConfig with(String bootstrapServers, int port) {
        return new CaptureConfig(
                new KafkaSettings(bootstrapServers),
                host,
                port,
                credentials,
                maxFrameBytes,
                writeTimeout,
                producerBufferBytes,
                rtp,
                deadLettersPerSecond,
                credentialsFile,
                credentialsInline,
                idleClose);
    }

    /** The same configuration with other RTP settings (tests, the embedded stack). */
    public CaptureConfig withRtp(RtpSettings newRtp) {
        return new CaptureConfig(
                kafka,
                host,
                port,
                credentials,
                maxFrameBytes,
                writeTimeout,
                producerBufferBytes,
                newRtp,
                deadLettersPerSecond,
                credentialsFile,
                credentialsInline,
                idleClose);
    }
}
