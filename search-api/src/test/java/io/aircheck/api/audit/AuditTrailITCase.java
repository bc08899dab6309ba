package io.aircheck.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.api.testing.Fixtures;
import io.aircheck.storage.audit.AuditArchive;
import io.aircheck.storage.audit.AuditBatch;
import io.aircheck.storage.audit.AuditChain;
import io.aircheck.storage.audit.AuditEntry;
import io.aircheck.storage.audit.AuditRecord;
import io.aircheck.storage.audit.IndexedAudit;
import io.aircheck.storage.index.ElasticsearchAuditIndex;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.signing.SigningKeyFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every API action, by every kind of caller, leaves exactly one event on {@code archive.audit}
 * (who, what, outcome, case reference, from where); archived into chained batches, the trail is
 * queried through the API by auditors and admins, and a tampered batch is found.
 */
class AuditTrailITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String S = "/api/rooms/matrix/sessions/s1";
    @TempDir static Path keys;
    private static ArchiveApi api;

    /** name -> "METHOD path" and the action it is recorded as. */
    private static final Map<String, String[]> ENDPOINTS = new LinkedHashMap<>();

    static {
        ENDPOINTS.put("rooms", new String[] {"GET /api/rooms?room=matrix", "read"});
        ENDPOINTS.put("room", new String[] {"GET " + S, "read"});
        ENDPOINTS.put("playlist", new String[] {"GET " + S + "/hls/playlist.m3u8", "play"});
        ENDPOINTS.put("segment", new String[] {"GET " + S + "/hls/seg-000000.m4s", "play"});
        ENDPOINTS.put("opus", new String[] {"GET " + S + "/recording.opus", "play"});
        ENDPOINTS.put(
                "download", new String[] {"GET " + S + "/recording.m4a?download", "download"});
        ENDPOINTS.put("probe", new String[] {"HEAD " + S + "/recording.opus", "read"});
        ENDPOINTS.put("segments", new String[] {"GET " + S + "/segments", "read"});
        ENDPOINTS.put("vtt", new String[] {"GET " + S + "/transcript.vtt", "read"});
        ENDPOINTS.put("timeline", new String[] {"GET " + S + "/timeline.json", "read"});
        ENDPOINTS.put("search", new String[] {"GET /api/search?q=budget", "search"});
        ENDPOINTS.put("export", new String[] {"GET /api/export?q=budget", "export"});
        ENDPOINTS.put("me", new String[] {"GET /api/me", "read"});
        ENDPOINTS.put("tokens", new String[] {"POST /api/admin/tokens", "role_change"});
        ENDPOINTS.put("holds", new String[] {"GET /api/holds", "legal_hold"});
        ENDPOINTS.put("trail", new String[] {"GET /api/audit?action=play", "audit_query"});
        ENDPOINTS.put("exportStatus", new String[] {"GET /api/exports/x-none", "export"});
    }

    private static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("anonymous", null);
        CALLERS.put("lina", ArchiveApi.LISTENER);
        CALLERS.put("rex", ArchiveApi.RESEARCHER);
        CALLERS.put("ada", ArchiveApi.AUDITOR);
        CALLERS.put("max", ArchiveApi.ADMIN);
        CALLERS.put("unidentified", "not-a-key-at-all-0000");
    }

    @BeforeAll
    static void seed() {
        api = ArchiveApi.start("audit-it", keys);
        api.rooms(
                Fixtures.room(
                        "matrix",
                        "s1",
                        "Matrix",
                        "PUBLIC",
                        Instant.parse("2026-05-05T12:00:00Z"),
                        10_000,
                        false,
                        "alice",
                        "Alice"));
        byte[] bytes = "0123456789".getBytes(StandardCharsets.UTF_8);
        api.store()
                .put(
                        ObjectKeys.vodPlaylist("matrix", "s1"),
                        "#EXTM3U\n#EXTINF:4,\nseg-000000.m4s\n#EXT-X-ENDLIST\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "application/vnd.apple.mpegurl");
        api.store().put(ObjectKeys.hlsSegment("matrix", "s1", 0), bytes, "video/iso.segment");
        api.store()
                .put(ObjectKeys.mixMaster("matrix", "s1", MasterFormat.OPUS), bytes, "audio/ogg");
        api.store().put(ObjectKeys.mixMaster("matrix", "s1", MasterFormat.M4A), bytes, "audio/mp4");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void everyActionInTheRoleMatrixLeavesExactlyOneAuditEvent() throws Exception {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (Map.Entry<String, String> caller : CALLERS.entrySet()) {
            for (Map.Entry<String, String[]> endpoint : ENDPOINTS.entrySet()) {
                String[] request = endpoint.getValue()[0].split(" ", 2);
                String agent = "matrix/" + caller.getKey() + "/" + endpoint.getKey();
                String body =
                        request[0].equals("POST")
                                ? "{\"name\":\"robin\",\"role\":\"researcher\",\"ttl\":\"1h\"}"
                                : null;
                HttpResponse<String> r =
                        api.call(
                                request[0],
                                request[1],
                                caller.getValue(),
                                body,
                                "User-Agent",
                                agent,
                                "X-Case-Reference",
                                "CASE-MATRIX");
                statuses.put(agent, r.statusCode());
            }
        }
        List<ArchiveApi.Logged> log =
                api.auditLog(
                        mine ->
                                mine.stream()
                                                .filter(r -> r.userAgent().startsWith("matrix/"))
                                                .count()
                                        >= statuses.size());
        List<AuditRecord> matrix =
                api.mine(log).stream().filter(r -> r.userAgent().startsWith("matrix/")).toList();
        Map<String, Long> perRequest =
                matrix.stream()
                        .collect(
                                Collectors.groupingBy(
                                        AuditRecord::userAgent, Collectors.counting()));
        assertThat(perRequest.keySet()).containsExactlyInAnyOrderElementsOf(statuses.keySet());
        assertThat(perRequest.values()).allMatch(n -> n == 1);

        Map<String, AuditRecord> byAgent =
                matrix.stream()
                        .collect(Collectors.toMap(AuditRecord::userAgent, Function.identity()));
        List<String> wrong = new ArrayList<>();
        statuses.forEach(
                (agent, status) -> {
                    AuditRecord r = byAgent.get(agent);
                    String[] parts = agent.split("/");
                    String expectedOutcome =
                            status < 400
                                    ? "ok"
                                    : status == 401 || status == 403 ? "denied" : "failed";
                    String expectedAction = ENDPOINTS.get(parts[2])[1];
                    if (r.status() != status
                            || !r.outcome().equals(expectedOutcome)
                            || !r.action().equals(expectedAction)
                            || !r.actor().equals(parts[1])
                            || !r.caseReference().equals("CASE-MATRIX")
                            || !r.origin().startsWith("127.0.0.1")) {
                        wrong.add(agent + " (" + status + "): " + r.canonical());
                    }
                });
        assertThat(wrong).isEmpty();
        // spot checks of what a reader of the trail relies on
        AuditRecord play = byAgent.get("matrix/ada/opus");
        assertThat(play.roomId()).isEqualTo("matrix");
        assertThat(play.sessionId()).isEqualTo("s1");
        assertThat(play.actorRole()).isEqualTo("auditor");
        assertThat(play.credential()).isEqualTo("key");
        assertThat(play.resource()).isEqualTo("GET " + S + "/recording.opus");
        assertThat(byAgent.get("matrix/rex/search").detail()).isEqualTo("q=budget");
        assertThat(byAgent.get("matrix/unidentified/me").credential()).isEqualTo("invalid");
        assertThat(byAgent.get("matrix/lina/trail").outcome()).isEqualTo("denied");
        assertThat(byAgent.get("matrix/max/tokens").action()).isEqualTo("role_change");
        assertThat(log)
                .filteredOn(l -> l.record().userAgent().equals("matrix/ada/opus"))
                .singleElement()
                .satisfies(l -> assertThat(l.key()).isEqualTo("ada"));
    }

    @Test
    void theArchivedTrailIsQueriedByAuditorsAndATamperedBatchIsFound() throws Exception {
        for (int i = 0; i < 3; i++) {
            api.call(
                    "GET",
                    S + "/recording.opus",
                    ArchiveApi.AUDITOR,
                    null,
                    "User-Agent",
                    "trail/" + i,
                    "X-Case-Reference",
                    "CASE-TRAIL");
        }
        List<ArchiveApi.Logged> log =
                api.auditLog(
                        mine ->
                                mine.stream()
                                                .filter(r -> r.userAgent().startsWith("trail/"))
                                                .count()
                                        >= 3);
        archive(log);

        HttpResponse<String> page =
                api.call(
                        "GET",
                        "/api/audit?actor=ada&action=play&case=CASE-TRAIL&size=2",
                        ArchiveApi.AUDITOR,
                        null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode first = JSON.readTree(page.body());
        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("items").get(0).path("actor").asText()).isEqualTo("ada");
        assertThat(first.path("items").get(0).path("batch").asText()).startsWith("audit/batches/");
        assertThat(first.path("items").get(0).path("at").asText())
                .isGreaterThanOrEqualTo(first.path("items").get(1).path("at").asText());
        JsonNode second =
                JSON.readTree(
                        api.call(
                                        "GET",
                                        "/api/audit?actor=ada&action=play&case=CASE-TRAIL&size=2&cursor="
                                                + first.path("next").asText(),
                                        ArchiveApi.ADMIN,
                                        null)
                                .body());
        assertThat(second.path("items")).hasSize(1);
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(api.call("GET", "/api/audit", ArchiveApi.RESEARCHER, null).statusCode())
                .isEqualTo(403);
        assertThat(
                        api.call("GET", "/api/audit?since=yesterday", ArchiveApi.AUDITOR, null)
                                .statusCode())
                .isEqualTo(400);

        JsonNode verified =
                JSON.readTree(
                        api.call("GET", "/api/audit/verify", ArchiveApi.AUDITOR, null).body());
        assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.path("signaturesChecked").asBoolean()).isTrue();

        String batch = AuditChain.batchKey(0);
        String text = new String(api.store().get(batch), StandardCharsets.UTF_8);
        api.store()
                .put(
                        batch,
                        text.replaceFirst("\"actor\":\"ada\"", "\"actor\":\"eve\"")
                                .getBytes(StandardCharsets.UTF_8),
                        "application/x-ndjson");
        JsonNode tampered =
                JSON.readTree(api.call("GET", "/api/audit/verify", ArchiveApi.ADMIN, null).body());
        assertThat(tampered.path("ok").asBoolean()).isFalse();
        assertThat(tampered.path("problems").get(0).path("object").asText()).isEqualTo(batch);
        assertThat(tampered.path("problems").toString()).contains("by eve) was altered");
        int verifyExit =
                VerifyAuditCommand.run(
                        new String[] {"--public-key", api.publicKey().toString()},
                        api.env(),
                        new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                        System.err);
        assertThat(verifyExit).isEqualTo(1);
    }

    /** What the archiver job does with the log: chained batches in the bucket, entries indexed. */
    private static void archive(List<ArchiveApi.Logged> log) {
        AuditArchive archive =
                AuditArchive.open(api.store(), new SigningKeyFile(api.keyFile().toString()).load());
        var es = ElasticsearchClients.connect(api.config().elasticsearch());
        try {
            ElasticsearchAuditIndex index =
                    ElasticsearchAuditIndex.ensure(es, ElasticsearchAuditIndex.AUDIT);
            List<ArchiveApi.Logged> sorted =
                    log.stream()
                            .sorted(
                                    java.util.Comparator.comparingInt(ArchiveApi.Logged::partition)
                                            .thenComparingLong(ArchiveApi.Logged::offset))
                            .toList();
            Optional<AuditBatch> batch =
                    archive.append(
                            sorted.stream()
                                    .map(l -> AuditEntry.of(l.partition(), l.offset(), l.record()))
                                    .toList());
            long seq = batch.orElseThrow().seq();
            index.index(
                    sorted.stream()
                            .map(l -> new IndexedAudit(l.record(), l.partition(), l.offset(), seq))
                            .toList());
            index.refresh();
        } finally {
            try {
                es._transport().close();
            } catch (java.io.IOException e) {
                // closing
            }
        }
    }
}
