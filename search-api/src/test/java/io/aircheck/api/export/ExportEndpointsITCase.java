package io.aircheck.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.api.audit.ArchiveApi;
import io.aircheck.api.testing.Fixtures;
import io.aircheck.storage.audit.AuditRecord;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.manifest.Manifest;
import io.aircheck.storage.manifest.ManifestEntry;
import io.aircheck.storage.manifest.ManifestJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An auditor exports a room session (and a participant's sessions in a time range) with a case
 * reference: the bundle downloads, resumes with byte ranges, verifies offline with the public key,
 * and a changed byte is found and blamed on its file. Others cannot see the export.
 */
class ExportEndpointsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    @TempDir static Path dir;
    private static ArchiveApi api;

    @BeforeAll
    static void seed() throws Exception {
        api = ArchiveApi.start("export-it", dir);
        api.rooms(
                Fixtures.room(
                        "court", "s1", "Hearing", "PRIVATE", T0, 4_000, false, "alice", "Alice",
                        "bob", "Bob"),
                Fixtures.room(
                        "court",
                        "s2",
                        "Hearing, day 2",
                        "PUBLIC",
                        T0.plus(Duration.ofDays(1)),
                        4_000,
                        false,
                        "alice",
                        "Alice"),
                Fixtures.room(
                        "cafe",
                        "s1",
                        "Chat",
                        "PUBLIC",
                        T0.plus(Duration.ofDays(40)),
                        4_000,
                        false,
                        "alice",
                        "Alice"));
        session("court", "s1", "alice", "bob");
        session("court", "s2", "alice");
        session("cafe", "s1", "alice");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /**
     * A recorded session: masters, a track per speaker, transcript, event log, the recorder's
     * manifest.
     */
    static void session(String room, String session, String... speakers) throws Exception {
        List<ManifestEntry> entries = new ArrayList<>();
        long start = T0.toEpochMilli() * 1000;
        Path master = audio("libopus", 4.0, room + session + ".opus");
        entries.add(
                put(
                        ObjectKeys.mixMaster(room, session, MasterFormat.OPUS),
                        Files.readAllBytes(master),
                        "master",
                        "audio/ogg",
                        4_000_000,
                        start,
                        ""));
        Path m4a = audio("aac", 4.0, room + session + ".m4a");
        entries.add(
                put(
                        ObjectKeys.mixMaster(room, session, MasterFormat.M4A),
                        Files.readAllBytes(m4a),
                        "master",
                        "audio/mp4",
                        4_000_000,
                        start,
                        ""));
        for (String speaker : speakers) {
            Path track = audio("libopus", 2.0, room + session + speaker + ".opus");
            entries.add(
                    put(
                            ObjectKeys.track(room, session, speaker, "opus"),
                            Files.readAllBytes(track),
                            "track",
                            "audio/ogg",
                            2_000_000,
                            start,
                            speaker));
        }
        api.store()
                .put(
                        ObjectKeys.transcript(room, session, "vtt"),
                        "WEBVTT\n\nseg-1\n00:00:00.500 --> 00:00:01.500\n<v Alice>the budget\n\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "text/vtt");
        api.store()
                .put(
                        ObjectKeys.transcript(room, session, "json"),
                        "{\"segments\":[]}".getBytes(StandardCharsets.UTF_8),
                        "application/json");
        api.store()
                .put(
                        ObjectKeys.eventLog(room, session),
                        "{\"roomOpened\":{}}\n".getBytes(StandardCharsets.UTF_8),
                        "application/x-ndjson");
        api.store()
                .put(ObjectKeys.hlsSegment(room, session, 0), new byte[100], "video/iso.segment");
        api.store()
                .put(
                        ObjectKeys.manifest(room, session),
                        ManifestJson.write(
                                        Manifest.of(
                                                room, session, start, start + 4_000_000, entries))
                                .getBytes(StandardCharsets.UTF_8),
                        "application/json");
    }

    private static ManifestEntry put(
            String key,
            byte[] bytes,
            String kind,
            String type,
            long durationUs,
            long start,
            String participant)
            throws Exception {
        api.store().put(key, bytes, type);
        return new ManifestEntry(
                key,
                kind,
                type,
                bytes.length,
                durationUs,
                start,
                participant,
                "",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    private static Path audio(String codec, double seconds, String name) throws Exception {
        Path out = dir.resolve(name);
        Process p =
                new ProcessBuilder(
                                "ffmpeg",
                                "-v",
                                "error",
                                "-y",
                                "-f",
                                "lavfi",
                                "-i",
                                "sine=frequency=330:sample_rate=48000:duration=" + seconds,
                                "-c:a",
                                codec,
                                out.toString())
                        .redirectErrorStream(true)
                        .start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return out;
    }

    private static JsonNode ready(String id, String key) {
        JsonNode[] status = new JsonNode[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            status[0] =
                                    JSON.readTree(
                                            api.call("GET", "/api/exports/" + id, key, null)
                                                    .body());
                            return !status[0].path("state").asText().equals("preparing");
                        });
        return status[0];
    }

    private static int verify(Path bundle, ByteArrayOutputStream report) {
        return VerifyBundleCommand.run(
                new String[] {bundle.toString(), "--public-key", api.publicKey().toString()},
                new PrintStream(report, true),
                System.err);
    }

    @Test
    void anAuditorsExportDownloadsResumesAndVerifiesAndAChangedByteIsNamed() throws Exception {
        HttpResponse<String> created =
                api.call(
                        "POST",
                        "/api/exports",
                        ArchiveApi.AUDITOR,
                        "{\"roomId\":\"court\",\"sessionId\":\"s1\",\"caseReference\":\"CASE-2026-0042\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = JSON.readTree(created.body()).path("exportId").asText();
        assertThat(created.headers().firstValue("Location")).contains("/api/exports/" + id);
        JsonNode status = ready(id, ArchiveApi.AUDITOR);
        assertThat(status.path("state").asText()).isEqualTo("ready");
        assertThat(status.path("progress").path("percent").asInt()).isEqualTo(100);
        assertThat(status.path("bundle").path("files").asInt()).isEqualTo(8);
        assertThat(status.path("findings")).isEmpty();
        long size = status.path("bundle").path("bytes").asLong();

        HttpResponse<byte[]> whole =
                api.bytes("/api/exports/" + id + "/bundle.tar", ArchiveApi.AUDITOR);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).hasSize((int) size);
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        Path bundle = dir.resolve(id + ".tar");
        Files.write(bundle, whole.body());
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        assertThat(verify(bundle, report)).as(report.toString()).isZero();
        assertThat(report.toString()).startsWith("OK").contains("CASE-2026-0042", "8 files");

        // a download that stopped after 10,000 bytes continues where it stopped
        HttpResponse<byte[]> head =
                api.bytes(
                        "/api/exports/" + id + "/bundle.tar",
                        ArchiveApi.AUDITOR,
                        "Range",
                        "bytes=0-9999");
        HttpResponse<byte[]> rest =
                api.bytes(
                        "/api/exports/" + id + "/bundle.tar",
                        ArchiveApi.AUDITOR,
                        "Range",
                        "bytes=10000-",
                        "If-Range",
                        etag);
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range"))
                .contains("bytes 10000-" + (size - 1) + "/" + size);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(head.body());
        joined.writeBytes(rest.body());
        assertThat(joined.toByteArray()).isEqualTo(whole.body());
        assertThat(
                        api.bytes(
                                        "/api/exports/" + id + "/bundle.tar",
                                        ArchiveApi.AUDITOR,
                                        "Range",
                                        "bytes=10000-",
                                        "If-Range",
                                        "\"other\"")
                                .statusCode())
                .isEqualTo(200);
        assertThat(
                        api.bytes(
                                        "/api/exports/" + id + "/bundle.tar",
                                        ArchiveApi.AUDITOR,
                                        "Range",
                                        "bytes=" + size + "-")
                                .statusCode())
                .isEqualTo(416);

        // one byte changed anywhere: the verifier says which file
        byte[] changed = whole.body().clone();
        int inTrack = indexOf(changed, "tracks/bob.opus".getBytes(StandardCharsets.UTF_8)) + 2048;
        changed[inTrack] ^= 0x01;
        Path tampered = dir.resolve(id + "-tampered.tar");
        Files.write(tampered, changed);
        ByteArrayOutputStream failed = new ByteArrayOutputStream();
        assertThat(verify(tampered, failed)).isEqualTo(1);
        assertThat(failed.toString())
                .startsWith("FAILED")
                .contains("rooms/court/s1/tracks/bob.opus: content altered");

        // the export and each download are on the trail, with the case reference
        List<AuditRecord> trail =
                api.mine(
                        api.auditLog(
                                mine ->
                                        mine.stream()
                                                        .filter(
                                                                r ->
                                                                        r.action().equals("export")
                                                                                && r.detail()
                                                                                        .contains(
                                                                                                id))
                                                        .count()
                                                >= 4));
        assertThat(trail)
                .filteredOn(r -> r.action().equals("export") && r.detail().contains(id))
                .allSatisfy(
                        r -> {
                            assertThat(r.actor()).isEqualTo("ada");
                            assertThat(r.caseReference()).isEqualTo("CASE-2026-0042");
                        })
                .anySatisfy(
                        r ->
                                assertThat(r.detail())
                                        .startsWith("export " + id + " of session court/s1"))
                .anySatisfy(r -> assertThat(r.detail()).contains("bundle bytes 10000-"));
    }

    @Test
    void onlyTheAuditorWhoAskedSeesTheExportAndACaseReferenceIsRequired() throws Exception {
        assertThat(
                        api.call(
                                        "POST",
                                        "/api/exports",
                                        ArchiveApi.AUDITOR,
                                        "{\"roomId\":\"court\",\"sessionId\":\"s1\"}")
                                .body())
                .contains("a case reference is required");
        assertThat(
                        api.call(
                                        "POST",
                                        "/api/exports",
                                        ArchiveApi.RESEARCHER,
                                        "{\"roomId\":\"court\",\"sessionId\":\"s1\",\"caseReference\":\"C-1\"}")
                                .statusCode())
                .isEqualTo(403);
        assertThat(
                        api.call(
                                        "POST",
                                        "/api/exports",
                                        ArchiveApi.AUDITOR,
                                        "{\"roomId\":\"nowhere\",\"sessionId\":\"s9\",\"caseReference\":\"C-1\"}")
                                .statusCode())
                .isEqualTo(404);
        HttpResponse<String> created =
                api.call(
                        "POST",
                        "/api/exports",
                        ArchiveApi.AUDITOR,
                        "{\"roomId\":\"court\",\"sessionId\":\"s2\"}",
                        "X-Case-Reference",
                        "CASE-7");
        String id = JSON.readTree(created.body()).path("exportId").asText();
        ready(id, ArchiveApi.AUDITOR);
        assertThat(api.call("GET", "/api/exports/" + id, ArchiveApi.AUDITOR2, null).statusCode())
                .isEqualTo(404);
        assertThat(
                        api.bytes("/api/exports/" + id + "/bundle.tar", ArchiveApi.AUDITOR2)
                                .statusCode())
                .isEqualTo(404);
        assertThat(api.call("GET", "/api/exports/" + id, ArchiveApi.ADMIN, null).statusCode())
                .isEqualTo(200);
        JsonNode manifest =
                JSON.readTree(
                        api.call(
                                        "GET",
                                        "/api/exports/" + id + "/bundle-manifest.json",
                                        ArchiveApi.AUDITOR,
                                        null)
                                .body());
        assertThat(manifest.path("caseReference").asText()).isEqualTo("CASE-7");
        assertThat(manifest.path("requestedBy").asText()).isEqualTo("ada (auditor)");
        assertThat(manifest.path("sessions").get(0).path("recorderHead").asText())
                .matches("[0-9a-f]{64}");
        assertThat(manifest.path("files").get(0).path("durationUs").asLong())
                .isBetween(3_990_000L, 4_030_000L);
    }

    @Test
    void aParticipantsSessionsInATimeRangeExportTogetherThroughTheCommand() throws Exception {
        Path out = dir.resolve("alice.tar");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit =
                ExportCommand.run(
                        new String[] {
                            "--api",
                            api.base(),
                            "--key",
                            ArchiveApi.AUDITOR,
                            "--case",
                            "CASE-ALICE",
                            "--participant",
                            "alice",
                            "--from",
                            "2026-05-31",
                            "--until",
                            "2026-06-10",
                            "--out",
                            out.toString(),
                            "--public-key",
                            api.publicKey().toString()
                        },
                        new PrintStream(printed, true),
                        System.err);
        assertThat(exit).as(printed.toString()).isZero();
        assertThat(printed.toString())
                .contains("preparing [", "downloading [", "100%", "OK  alice.tar");
        String listing =
                new String(
                        new ProcessBuilder("tar", "-tf", out.toString())
                                .start()
                                .getInputStream()
                                .readAllBytes(),
                        StandardCharsets.UTF_8);
        assertThat(listing)
                .contains("rooms/court/s1/tracks/alice.opus", "rooms/court/s2/tracks/alice.opus")
                .doesNotContain("rooms/cafe/");

        // an interrupted download (a partial file on disk) resumes where it stopped
        String id =
                printed.toString()
                        .lines()
                        .filter(l -> l.startsWith("export "))
                        .findFirst()
                        .orElseThrow()
                        .split(" ")[1];
        byte[] full = Files.readAllBytes(out);
        Path again = dir.resolve("again.tar");
        Files.write(dir.resolve("again.tar.part"), java.util.Arrays.copyOf(full, 20_000));
        Files.writeString(
                dir.resolve("again.tar.part.etag"),
                api.bytes(
                                "/api/exports/" + id + "/bundle.tar",
                                ArchiveApi.AUDITOR,
                                "Range",
                                "bytes=0-0")
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow());
        ByteArrayOutputStream resumed = new ByteArrayOutputStream();
        assertThat(
                        ExportCommand.run(
                                new String[] {
                                    "--api",
                                    api.base(),
                                    "--key",
                                    ArchiveApi.AUDITOR,
                                    "--export",
                                    id,
                                    "--out",
                                    again.toString()
                                },
                                new PrintStream(resumed, true),
                                System.err))
                .isZero();
        assertThat(resumed.toString()).contains("resuming the download at byte 20000");
        assertThat(Files.readAllBytes(again)).isEqualTo(full);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
