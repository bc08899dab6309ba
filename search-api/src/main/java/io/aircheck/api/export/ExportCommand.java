package io.aircheck.api.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code aircheck export}: an auditor's export from a running search-api, to a file: asks for it
 * (with the case reference), shows the preparation's progress, downloads the bundle with a progress
 * line, resumes an interrupted download where it stopped ({@code Range} from the partial file's
 * size, {@code If-Range} with the bundle's ETag), and with {@code --public-key} verifies the
 * result.
 *
 * <pre>
 * aircheck export --api http://127.0.0.1:8080 --key SECRET --case CASE-7 --room r --session s --out r-s.tar
 * aircheck export ... --participant alice [--room r] --from 2026-01-01 --until 2026-02-01 --out alice.tar
 * aircheck export ... --export x20261125T101500Z-1a2b3c4d --out r-s.tar      (resume a download)
 * </pre>
 */
public final class ExportCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 6;

    private final Map<String, String> options;
    private final PrintStream out;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ExportCommand(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                options.clear();
                break;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0
                || !options.keySet().containsAll(java.util.List.of("api", "key", "out"))
                || !(options.containsKey("export") || options.containsKey("case"))) {
            err.println(
                    "usage: aircheck export --api URL --key API_KEY --case CASE-REF (--room R --session S | --participant P [--room R] --from DATE --until DATE | --export ID) --out FILE [--public-key FILE.pub]");
            return 2;
        }
        try {
            return new ExportCommand(options, out).export(err);
        } catch (IOException e) {
            err.println("export failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int export(PrintStream err) throws IOException, InterruptedException {
        String id = options.get("export");
        if (id == null) {
            ObjectNode body = JSON.createObjectNode();
            for (String field : new String[] {"room", "session", "participant", "from", "until"}) {
                if (options.containsKey(field)) {
                    body.put(
                            field.equals("room")
                                    ? "roomId"
                                    : field.equals("session")
                                            ? "sessionId"
                                            : field.equals("participant") ? "participantId" : field,
                            options.get(field));
                }
            }
            body.put("caseReference", options.get("case"));
            HttpResponse<String> created =
                    http.send(
                            request("/api/exports")
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 202) {
                err.println(
                        "the export was refused (" + created.statusCode() + "): " + created.body());
                return 1;
            }
            id = JSON.readTree(created.body()).path("exportId").asText();
            out.println("export " + id + " asked for");
        }
        JsonNode status = waitUntilReady(id);
        if (!status.path("state").asText().equals("ready")) {
            err.println(
                    "export "
                            + id
                            + " "
                            + status.path("state").asText()
                            + ": "
                            + status.path("error").asText());
            return 1;
        }
        status.path("findings").forEach(f -> out.println("  finding: " + f.asText()));
        long size = status.path("bundle").path("bytes").asLong();
        Path target = Path.of(options.get("out"));
        download(id, size, target);
        out.println(
                "saved "
                        + target
                        + " ("
                        + size
                        + " bytes, manifest sha256 "
                        + status.path("bundle").path("manifestSha256").asText()
                        + ")");
        if (options.containsKey("public-key")) {
            return VerifyBundleCommand.run(
                    new String[] {target.toString(), "--public-key", options.get("public-key")},
                    out,
                    err);
        }
        return 0;
    }

    private JsonNode waitUntilReady(String id) throws IOException, InterruptedException {
        long lastPercent = -1;
        while (true) {
            HttpResponse<String> r =
                    http.send(
                            request("/api/exports/" + id).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(
                        "GET /api/exports/" + id + " answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode status = JSON.readTree(r.body());
            long percent = status.path("progress").path("percent").asLong();
            if (percent != lastPercent) {
                out.printf(
                        "preparing %s %3d%% (%d of %d bytes read and hashed)%n",
                        bar(percent),
                        percent,
                        status.path("progress").path("bytesHashed").asLong(),
                        status.path("progress").path("bytesTotal").asLong());
                lastPercent = percent;
            }
            if (!status.path("state").asText().equals("preparing")) {
                return status;
            }
            Thread.sleep(500);
        }
    }

    /** Downloads into {@code <out>.part}, resuming from its size; renames it when complete. */
    private void download(String id, long size, Path target)
            throws IOException, InterruptedException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Path etagFile = target.resolveSibling(target.getFileName() + ".part.etag");
        for (int attempt = 1; ; attempt++) {
            long have = Files.exists(part) ? Files.size(part) : 0;
            if (have == size) {
                break;
            }
            String etag = Files.exists(etagFile) ? Files.readString(etagFile).strip() : null;
            HttpRequest.Builder get = request("/api/exports/" + id + "/bundle.tar").GET();
            if (have > 0 && etag != null) {
                get.header("Range", "bytes=" + have + "-").header("If-Range", etag);
                out.println("resuming the download at byte " + have + " of " + size);
            }
            try {
                HttpResponse<InputStream> r =
                        http.send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200 && r.statusCode() != 206) {
                    throw new IOException(
                            "GET bundle.tar answered "
                                    + r.statusCode()
                                    + ": "
                                    + new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
                }
                boolean append = r.statusCode() == 206;
                Files.writeString(etagFile, r.headers().firstValue("ETag").orElse(""));
                try (InputStream in = r.body();
                        OutputStream file =
                                Files.newOutputStream(
                                        part,
                                        StandardOpenOption.CREATE,
                                        append
                                                ? StandardOpenOption.APPEND
                                                : StandardOpenOption.TRUNCATE_EXISTING)) {
                    copy(in, file, append ? have : 0, size);
                }
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw new IOException(
                            "the download stopped "
                                    + attempt
                                    + " times; the partial bundle is kept in "
                                    + part
                                    + " (run the same command with --export "
                                    + id
                                    + " to resume): "
                                    + e.getMessage(),
                            e);
                }
                out.println(
                        "the download stopped ("
                                + e.getMessage()
                                + "); resuming in "
                                + attempt
                                + " s");
                Thread.sleep(1000L * attempt);
            }
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(etagFile);
    }

    private void copy(InputStream in, OutputStream file, long start, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long done = start;
        long shown = -1;
        long began = System.nanoTime();
        for (int n; (n = in.read(buffer)) > 0; ) {
            file.write(buffer, 0, n);
            done += n;
            long percent = size == 0 ? 100 : done * 100 / size;
            if (percent != shown) {
                double seconds = Math.max(1e-3, (System.nanoTime() - began) / 1e9);
                out.printf(
                        "downloading %s %3d%% (%d of %d bytes, %.1f MB/s)%n",
                        bar(percent), percent, done, size, (done - start) / seconds / 1e6);
                shown = percent;
            }
        }
        if (done < size) {
            throw new IOException("the connection closed at byte " + done + " of " + size);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(options.get("api").replaceAll("/+$", "") + path))
                .timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + options.get("key"))
                .header("X-Case-Reference", options.getOrDefault("case", ""));
    }

    private static String bar(long percent) {
        int filled = (int) Math.min(20, Math.max(0, percent / 5));
        return "[" + "#".repeat(filled) + ".".repeat(20 - filled) + "]";
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }
}
