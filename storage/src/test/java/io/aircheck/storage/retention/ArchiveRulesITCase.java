package io.aircheck.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.config.S3Settings;
import io.aircheck.infra.embedded.EmbeddedS3;
import io.aircheck.infra.embedded.SharedTestServers;
import io.aircheck.storage.audit.AuditArchive;
import io.aircheck.storage.audit.AuditChain;
import io.aircheck.storage.audit.AuditEntry;
import io.aircheck.storage.audit.AuditRecord;
import io.aircheck.storage.audit.AuditVerification;
import io.aircheck.storage.export.SigningKeys;
import io.aircheck.storage.s3.S3ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention, legal holds and the archived audit trail against the embedded S3 server (S3Proxy): the
 * server has no object lock, which is detected and reported, and aircheck enforces the holds.
 */
class ArchiveRulesITCase {
    private static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        EmbeddedS3 s3 = SharedTestServers.s3();
        store =
                S3ObjectStore.connect(
                        new S3Settings(
                                s3.endpoint(),
                                s3.accessKey(),
                                s3.secretKey(),
                                "rules-it-" + UUID.randomUUID().toString().substring(0, 8),
                                "us-east-1"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static void put(String key) {
        store.put(key, key.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    }

    @Test
    void theEmbeddedServerHasNoObjectLockSoAircheckEnforcesHolds() {
        ObjectLock.Enforcement enforcement = store.objectLock().enforcement();
        assertThat(enforcement.objectLock()).isFalse();
        assertThat(enforcement.description())
                .startsWith("aircheck only")
                .contains("501 NotImplemented");
    }

    @Test
    void aRetentionRunDeletesExactlyTheExpiredObjectsNoHoldCovers() {
        for (String s : List.of("rooms/r1/s1/", "rooms/r1/s2/", "rooms/r2/s1/")) {
            put(s + "mix/seg-000000.m4s");
            put(s + "mix/vod.m3u8");
            put(s + "mix/room.opus");
            put(s + "events.ndjson");
        }
        put("rooms/r2/s1/tracks/erin.opus");
        put("audit/batches/000000000000.ndjson");
        LegalHolds holds = new LegalHolds(store, store.objectLock());
        Instant placed = Instant.now();
        holds.place(
                LegalHold.onSession("hold-s2", "CASE-9", "r1", "s2", "subpoena", "ann", placed));
        holds.place(
                LegalHold.onParticipant(
                        "hold-erin", "CASE-10", "erin", null, "complaint", "ann", placed));
        // 40 days on: the 30-day public-replay tier has expired, the 7-year compliance tier has not
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(40)), ZoneOffset.UTC);
        List<AuditRecord> recorded = new java.util.ArrayList<>();
        RetentionPolicy policy =
                RetentionPolicy.parse(
                        "public-replay=30d:rooms/*/*/mix/*.m4s,rooms/*/*/mix/*.m3u8;compliance=7y!:rooms/**");
        RetentionReport report =
                new RetentionRun(
                                store,
                                store.bucket(),
                                holds,
                                store.objectLock(),
                                policy,
                                recorded::add,
                                "retention@it",
                                later)
                        .run(false, line -> {});

        assertThat(report.deleted())
                .containsExactlyInAnyOrder(
                        "rooms/r1/s1/mix/seg-000000.m4s", "rooms/r1/s1/mix/vod.m3u8");
        assertThat(store.stat("rooms/r1/s1/mix/seg-000000.m4s")).isEmpty();
        assertThat(store.stat("rooms/r1/s2/mix/seg-000000.m4s")).as("session hold").isPresent();
        assertThat(store.stat("rooms/r2/s1/mix/vod.m3u8")).as("participant hold").isPresent();
        assertThat(store.stat("rooms/r1/s1/mix/room.opus")).as("compliance tier").isPresent();
        assertThat(report.count(RetentionPlan.Verdict.KEEP_HELD)).isEqualTo(4);
        assertThat(report.enforcement()).startsWith("aircheck only");
        assertThat(recorded)
                .extracting(AuditRecord::resource)
                .containsExactlyInAnyOrder(
                        "s3://" + store.bucket() + "/rooms/r1/s1/mix/seg-000000.m4s",
                        "s3://" + store.bucket() + "/rooms/r1/s1/mix/vod.m3u8");

        assertThat(holds.covered(holds.get("hold-erin").orElseThrow()))
                .contains("rooms/r2/s1/mix/room.opus", "rooms/r2/s1/tracks/erin.opus");
        HoldGuard guard = new HoldGuard(store, holds);
        assertThatThrownBy(() -> guard.delete("rooms/r2/s1/tracks/erin.opus"))
                .isInstanceOf(HeldObjectException.class);
        assertThatThrownBy(() -> guard.put("rooms/r1/s2/mix/room.opus", new byte[1], "audio/ogg"))
                .hasMessageContaining("refused to overwrite");
    }

    @Test
    void theArchivedAuditTrailVerifiesAndTamperingIsDetected() {
        SigningKeys.Signer key = SigningKeys.generate();
        AuditArchive archive = AuditArchive.open(store, key);
        for (int batch = 0; batch < 3; batch++) {
            List<AuditEntry> entries = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long offset = batch * 4L + i;
                entries.add(
                        AuditEntry.of(
                                0,
                                offset,
                                new AuditRecord(
                                        "e" + offset,
                                        1000 + offset,
                                        "ann",
                                        "auditor",
                                        "key",
                                        "play",
                                        "ok",
                                        200,
                                        "CASE-1",
                                        "10.0.0.7",
                                        "search-api@it",
                                        "r",
                                        "s",
                                        "",
                                        "GET /api/rooms/r/sessions/s/recording.opus",
                                        "",
                                        "")));
            }
            archive.append(entries);
        }
        assertThat(AuditArchive.verify(store, key.verifier()).problems()).isEmpty();
        // reopened (a restarted archiver): the head says where it stopped
        assertThat(AuditArchive.open(store, key).head())
                .hasValueSatisfying(h -> assertThat(h.lastOffset(0)).isEqualTo(11));

        String batch1 = AuditChain.batchKey(1);
        String text = new String(store.get(batch1), StandardCharsets.UTF_8);
        store.put(
                batch1,
                text.replace("\"origin\":\"10.0.0.7\"", "\"origin\":\"10.0.0.8\"")
                        .getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson");
        AuditVerification v = AuditArchive.verify(store, key.verifier());
        assertThat(v.ok()).isFalse();
        assertThat(v.problems())
                .extracting(Object::toString)
                .anyMatch(
                        p ->
                                p.startsWith(
                                        batch1
                                                + ": entry 0 (partition 0, offset 4, play by ann) was altered"));
    }
}
