package io.aircheck.api.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.api.audit.ArchiveApi;
import io.aircheck.storage.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Legal holds through the API, and the retention command on the embedded S3 server: it deletes
 * exactly the expired objects no hold covers, records each deletion on the audit trail, and says
 * that aircheck enforces the holds itself (the server has no object lock).
 */
class HoldsAndRetentionITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path keys;
    private static ArchiveApi api;

    @BeforeAll
    static void start() {
        api = ArchiveApi.start("holds-it", keys);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void put(String key) {
        api.store().put(key, key.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    }

    private static int retention(ByteArrayOutputStream printed, String tiers) {
        Map<String, String> env = api.env();
        env.put("AIRCHECK_RETENTION_TIERS", tiers);
        return RetentionCommand.run(new String[0], env, new PrintStream(printed, true), System.err);
    }

    @Test
    void holdsProtectWhatRetentionWouldDeleteAndEveryDeletionIsRecorded() throws Exception {
        for (String session : List.of("rooms/lobby/s1/", "rooms/lobby/s2/", "rooms/forum/s1/")) {
            put(session + "mix/seg-000000.m4s");
            put(session + "mix/room.opus");
            put(session + "events.ndjson");
        }
        put("rooms/forum/s1/tracks/zoe.opus");

        HttpResponse<String> noCase =
                api.call(
                        "POST",
                        "/api/holds",
                        ArchiveApi.AUDITOR,
                        "{\"roomId\":\"lobby\",\"sessionId\":\"s2\"}");
        assertThat(noCase.statusCode()).isEqualTo(400);
        assertThat(
                        api.call(
                                        "POST",
                                        "/api/holds",
                                        ArchiveApi.RESEARCHER,
                                        "{\"roomId\":\"lobby\",\"sessionId\":\"s2\",\"caseReference\":\"C-1\"}")
                                .statusCode())
                .isEqualTo(403);
        HttpResponse<String> placed =
                api.call(
                        "POST",
                        "/api/holds",
                        ArchiveApi.AUDITOR,
                        "{\"roomId\":\"lobby\",\"sessionId\":\"s2\",\"caseReference\":\"CASE-HOLD-1\",\"reason\":\"litigation\"}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode hold = JSON.readTree(placed.body());
        assertThat(hold.path("objectsCovered").asInt()).isEqualTo(3);
        assertThat(hold.path("enforcement").asText()).startsWith("aircheck only").contains("501");
        HttpResponse<String> onZoe =
                api.call(
                        "POST",
                        "/api/holds",
                        ArchiveApi.AUDITOR,
                        "{\"participantId\":\"zoe\",\"caseReference\":\"CASE-HOLD-2\"}");
        assertThat(onZoe.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(onZoe.body()).path("objectsCovered").asInt()).isEqualTo(4);
        JsonNode listed =
                JSON.readTree(api.call("GET", "/api/holds", ArchiveApi.ADMIN, null).body());
        assertThat(listed.path("objectLock").asBoolean()).isFalse();
        assertThat(listed.path("holds")).hasSize(2);

        Thread.sleep(1_100); // the objects are older than the 1-second test tier
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit =
                retention(
                        printed,
                        "short=PT1S:rooms/*/*/mix/*.m4s,rooms/*/*/events.ndjson;compliance=7y!:rooms/**");
        assertThat(exit).as(printed.toString()).isZero();
        assertThat(printed.toString())
                .contains("enforcement: aircheck only", "2 deleted", "4 held");
        assertThat(api.store().stat("rooms/lobby/s1/mix/seg-000000.m4s")).isEmpty();
        assertThat(api.store().stat("rooms/lobby/s1/events.ndjson")).isEmpty();
        assertThat(api.store().stat("rooms/lobby/s1/mix/room.opus")).isPresent();
        assertThat(api.store().stat("rooms/lobby/s2/mix/seg-000000.m4s")).isPresent();
        assertThat(api.store().stat("rooms/forum/s1/events.ndjson")).isPresent();

        String bucket = api.config().s3().bucket();
        List<AuditRecord> deletions =
                api
                        .auditLogOfAll(
                                all ->
                                        all.stream()
                                                        .filter(
                                                                r ->
                                                                        r.action().equals("delete")
                                                                                && r.resource()
                                                                                        .startsWith(
                                                                                                "s3://"
                                                                                                        + bucket
                                                                                                        + "/"))
                                                        .count()
                                                >= 2)
                        .stream()
                        .map(ArchiveApi.Logged::record)
                        .filter(
                                r ->
                                        r.action().equals("delete")
                                                && r.resource().startsWith("s3://" + bucket + "/"))
                        .toList();
        assertThat(deletions)
                .extracting(AuditRecord::resource)
                .containsExactlyInAnyOrder(
                        "s3://" + bucket + "/rooms/lobby/s1/mix/seg-000000.m4s",
                        "s3://" + bucket + "/rooms/lobby/s1/events.ndjson");
        assertThat(deletions)
                .allSatisfy(
                        r -> {
                            assertThat(r.actor()).isEqualTo("retention");
                            assertThat(r.detail()).startsWith("tier short (PT1S) expired");
                        });

        // released: the record stays, the objects are no longer protected
        String holdId = hold.path("holdId").asText();
        assertThat(
                        api.call("DELETE", "/api/holds/" + holdId, ArchiveApi.AUDITOR, null)
                                .statusCode())
                .isEqualTo(400);
        HttpResponse<String> released =
                api.call(
                        "DELETE",
                        "/api/holds/" + holdId,
                        ArchiveApi.AUDITOR,
                        null,
                        "X-Case-Reference",
                        "CASE-HOLD-1");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(JSON.readTree(released.body()).path("releasedBy").asText()).isEqualTo("ada");
        assertThat(
                        api.call(
                                        "DELETE",
                                        "/api/holds/" + holdId,
                                        ArchiveApi.AUDITOR,
                                        null,
                                        "X-Case-Reference",
                                        "CASE-HOLD-1")
                                .statusCode())
                .isEqualTo(409);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(
                        retention(
                                again,
                                "short=PT1S:rooms/*/*/mix/*.m4s,rooms/*/*/events.ndjson;compliance=7y!:rooms/**"))
                .isZero();
        assertThat(api.store().stat("rooms/lobby/s2/mix/seg-000000.m4s")).isEmpty();
        assertThat(api.store().stat("rooms/forum/s1/mix/seg-000000.m4s"))
                .as("zoe's hold")
                .isPresent();

        ByteArrayOutputStream dry = new ByteArrayOutputStream();
        put("rooms/lobby/s3/mix/seg-000000.m4s");
        Thread.sleep(1_100);
        Map<String, String> env = api.env();
        env.put("AIRCHECK_RETENTION_TIERS", "short=PT1S:rooms/*/*/mix/*.m4s");
        assertThat(
                        RetentionCommand.run(
                                new String[] {"--dry-run"},
                                env,
                                new PrintStream(dry, true),
                                System.err))
                .isZero();
        assertThat(dry.toString()).contains("would delete 1");
        assertThat(api.store().stat("rooms/lobby/s3/mix/seg-000000.m4s")).isPresent();
    }
}
