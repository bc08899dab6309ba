package io.aircheck.capture.gateway;

import io.aircheck.capture.room.RoomRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;

/**
 * The audio WebSockets: {@code /v1/audio} (protobuf AudioFrames) and {@code /v1/audio/pcm} (raw PCM
 * of one track). Before the upgrade it checks the ingest credential (401) and, for PCM, the
 * handshake and the track (400/404/409), answering in the gateway's one JSON error shape; the
 * connections then read on demand ({@link AudioConnection}).
 */
final class AudioSocketServlet extends JettyWebSocketServlet {
    static final String FRAMES_PATH = "/v1/audio";
    static final String PCM_PATH = "/v1/audio/pcm";
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

    private static final String SOURCE = "aircheck.source";
    private static final String ATTACHMENT = "aircheck.pcm";

    private final CredentialStore credentials;
    private final FrameIngest frames;
    private final AudioConnections connections;
    private final PcmTracks pcmTracks;
    private final RoomRegistry registry;
    private final LongSupplier clockUs;
    private final long maxMessageBytes;

    AudioSocketServlet(
            CredentialStore credentials,
            FrameIngest frames,
            AudioConnections connections,
            PcmTracks pcmTracks,
            RoomRegistry registry,
            LongSupplier clockUs,
            int maxFrameBytes) {
        this.credentials = credentials;
        this.frames = frames;
        this.connections = connections;
        this.pcmTracks = pcmTracks;
        this.registry = registry;
        this.clockUs = clockUs;
        // room for the frame's other fields, so that an oversized payload gets a polite refusal
        this.maxMessageBytes = maxFrameBytes + 64L * 1024;
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        factory.setMaxBinaryMessageSize(maxMessageBytes);
        factory.setMaxTextMessageSize(64 * 1024);
        factory.setIdleTimeout(IDLE_TIMEOUT);
        factory.setCreator(
                (request, response) -> {
                    HttpServletRequest http = request.getHttpServletRequest();
                    String source = (String) http.getAttribute(SOURCE);
                    Object attachment = http.getAttribute(ATTACHMENT);
                    if (attachment instanceof PcmTracks.Attachment pcm) {
                        return new PcmConnection(
                                connections, frames, source, pcm, registry, pcmTracks, clockUs);
                    }
                    return new FrameConnection(connections, frames, source);
                });
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        Optional<String> source =
                BearerToken.from(request.getHeader("Authorization"), request.getParameter("token"))
                        .flatMap(credentials::sourceFor);
        if (source.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            error(response, 401, "UNAUTHORIZED", EventsController.UNAUTHORIZED_MESSAGE);
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            error(
                    response,
                    400,
                    "MALFORMED",
                    request.getRequestURI()
                            + " is a WebSocket: connect with an Upgrade: websocket request");
            return;
        }
        request.setAttribute(SOURCE, source.get());
        if (PCM_PATH.equals(request.getServletPath())) {
            String origin =
                    "ws "
                            + request.getRemoteAddr()
                            + ":"
                            + request.getRemotePort()
                            + " source="
                            + source.get();
            try {
                PcmHandshake handshake = PcmHandshake.parse(query(request));
                request.setAttribute(ATTACHMENT, pcmTracks.attach(handshake, source.get(), origin));
            } catch (IllegalArgumentException e) {
                error(response, 400, "INVALID", e.getMessage());
                return;
            } catch (PcmTracks.Refusal e) {
                error(response, e.status, e.code, e.getMessage());
                return;
            }
        }
        super.service(request, response);
    }

    private static Map<String, List<String>> query(HttpServletRequest request) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        request.getParameterMap().forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    private static void error(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream()
                .write(JsonText.error(code, message).getBytes(StandardCharsets.UTF_8));
    }
}
