package io.aircheck.storage.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP server that answers with canned responses, in order (the last one repeats):
 * stands in for a misconfigured, failing or flaky endpoint in unit tests. It records each request
 * as {@code "METHOD /path?query"}.
 */
public final class FakeHttpServer implements AutoCloseable {
    /** One canned answer, with extra response headers. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {
        public Answer(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }

        /** A JSON answer as Elasticsearch sends it (the client insists on its product header). */
        public static Answer elasticsearch(int status, String json) {
            return new Answer(
                    status, "application/json", json, Map.of("X-Elastic-Product", "Elasticsearch"));
        }
    }

    private final HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    private FakeHttpServer(List<Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    Answer answer;
                    synchronized (requests) {
                        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                        answer = answers.get(Math.min(requests.size(), answers.size()) - 1);
                    }
                    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                    answer.headers().forEach(exchange.getResponseHeaders()::set);
                    boolean head = "HEAD".equals(exchange.getRequestMethod());
                    exchange.sendResponseHeaders(
                            answer.status(), head || bytes.length == 0 ? -1 : bytes.length);
                    if (!head && bytes.length > 0) {
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(bytes);
                        }
                    }
                    exchange.close();
                });
        server.start();
    }

    public static FakeHttpServer answering(int status, String contentType, String body)
            throws IOException {
        return new FakeHttpServer(List.of(new Answer(status, contentType, body)));
    }

    /** Answers in this order; the last answer repeats. */
    public static FakeHttpServer answering(Answer... answers) throws IOException {
        return new FakeHttpServer(List.of(answers));
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The requests seen so far, e.g. {@code "GET /bucket/key"}. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** A loopback URL where nothing listens (a port bound, then released). */
    public static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
