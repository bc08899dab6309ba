package io.aircheck.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.storage.audit.AuditRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each kind of request is recorded as on the audit trail. */
class AuditedRequestTest {
    private static AuditRecord record(
            String method, String template, String path, Map<String, String> query, int status) {
        return new AuditedRequest(
                        1000,
                        method,
                        template,
                        path,
                        query,
                        status,
                        "ada",
                        "auditor",
                        "key",
                        "CASE-1",
                        "10.0.0.1",
                        "curl",
                        "search-api@x",
                        null,
                        Map.of())
                .toRecord();
    }

    @Test
    void routesMapToTheActionsOfTheTrail() {
        String s = "/api/rooms/{roomId}/sessions/{sessionId}";
        assertThat(
                        record(
                                "GET",
                                "/api/search",
                                "/api/search",
                                Map.of("q", "budget", "access_token", "secret"),
                                200))
                .satisfies(
                        r -> {
                            assertThat(r.action()).isEqualTo("search");
                            assertThat(r.detail()).isEqualTo("q=budget");
                        });
        assertThat(
                        record(
                                "GET",
                                s + "/recording.opus",
                                "/api/rooms/r1/sessions/s1/recording.opus",
                                Map.of(),
                                206))
                .satisfies(
                        r -> {
                            assertThat(r.action()).isEqualTo("play");
                            assertThat(r.roomId()).isEqualTo("r1");
                            assertThat(r.sessionId()).isEqualTo("s1");
                            assertThat(r.outcome()).isEqualTo("ok");
                        });
        assertThat(
                        record(
                                        "GET",
                                        s + "/recording.m4a",
                                        "/api/rooms/r1/sessions/s1/recording.m4a",
                                        Map.of("download", ""),
                                        200)
                                .action())
                .isEqualTo("download");
        assertThat(
                        record(
                                        "HEAD",
                                        s + "/recording.m4a",
                                        "/api/rooms/r1/sessions/s1/recording.m4a",
                                        Map.of(),
                                        200)
                                .action())
                .isEqualTo("read");
        assertThat(
                        record(
                                        "GET",
                                        s + "/hls/{file}",
                                        "/api/rooms/r1/sessions/s1/hls/seg-000001.m4s",
                                        Map.of(),
                                        200)
                                .action())
                .isEqualTo("play");
        assertThat(record("POST", "/api/admin/tokens", "/api/admin/tokens", Map.of(), 201).action())
                .isEqualTo("role_change");
        assertThat(record("POST", "/api/exports", "/api/exports", Map.of(), 202).action())
                .isEqualTo("export");
        assertThat(record("GET", "/api/export", "/api/export", Map.of(), 200).action())
                .isEqualTo("export");
        assertThat(record("DELETE", "/api/holds/{holdId}", "/api/holds/h1", Map.of(), 200).action())
                .isEqualTo("legal_hold");
        assertThat(record("GET", "/api/audit", "/api/audit", Map.of(), 200).action())
                .isEqualTo("audit_query");
        assertThat(
                        record(
                                        "GET",
                                        s + "/transcript.vtt",
                                        "/api/rooms/r1/sessions/s1/transcript.vtt",
                                        Map.of(),
                                        200)
                                .action())
                .isEqualTo("read");
    }

    @Test
    void aRequestRefusedBeforeRoutingIsStillRecognisedByItsPath() {
        AuditRecord r =
                record("GET", null, "/api/rooms/r1/sessions/s1/hls/seg-000001.m4s", Map.of(), 401);
        assertThat(r.action()).isEqualTo("play");
        assertThat(r.outcome()).isEqualTo("denied");
        assertThat(r.roomId()).isEqualTo("r1");
        assertThat(
                        record(
                                        "GET",
                                        null,
                                        "/api/rooms/r1/sessions/s1/recording.m4a",
                                        Map.of("download", ""),
                                        403)
                                .action())
                .isEqualTo("download");
        assertThat(record("GET", "/api/search", "/api/search", Map.of(), 503).outcome())
                .isEqualTo("failed");
        assertThat(record("GET", "/api/search", "/api/search", Map.of(), 404).outcome())
                .isEqualTo("failed");
    }
}
