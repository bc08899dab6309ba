package io.aircheck.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.storage.audit.AuditLog;
import io.aircheck.storage.audit.AuditRecord;
import io.aircheck.storage.testing.MemoryObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A retention run deletes exactly the expired objects no legal hold covers, and records each. */
class RetentionRunTest {
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final RetentionPolicy POLICY =
            RetentionPolicy.parse(
                    "public-replay=30d:rooms/*/*/mix/*.m4s,rooms/*/*/mix/*.m3u8,rooms/*/*/mix/init.mp4,rooms/*/*/mix/public/**;"
                            + "compliance=7y!:rooms/**;audit=forever:audit/**");

    /** Records what it is given. */
    static final class Recorded implements AuditLog {
        final List<AuditRecord> records = new ArrayList<>();

        @Override
        public void record(AuditRecord record) {
            records.add(record);
        }
    }

    private static void at(MemoryObjectStore store, String key, Duration age) {
        store.putAt(key, new byte[] {1, 2, 3}, NOW.minus(age));
    }

    /** Old and new sessions; the old ones with HLS (30 days) and masters/tracks (7 years). */
    static MemoryObjectStore archive() {
        MemoryObjectStore store = new MemoryObjectStore();
        for (String s :
                List.of("rooms/old/s1/", "rooms/old/s2/", "rooms/held/s1/", "rooms/spoke/s1/")) {
            at(store, s + "mix/seg-000000.m4s", Duration.ofDays(40));
            at(store, s + "mix/vod.m3u8", Duration.ofDays(40));
            at(store, s + "mix/room.opus", Duration.ofDays(8 * 365));
            at(store, s + "events.ndjson", Duration.ofDays(8 * 365));
        }
        at(store, "rooms/spoke/s1/tracks/carol.opus", Duration.ofDays(8 * 365));
        at(store, "rooms/old/s1/tracks/dave.opus", Duration.ofDays(8 * 365));
        at(store, "rooms/new/s1/mix/seg-000000.m4s", Duration.ofDays(3));
        at(store, "rooms/new/s1/mix/room.opus", Duration.ofDays(3));
        at(store, "audit/batches/000000000000.ndjson", Duration.ofDays(20 * 365));
        at(store, "exports/x1/bundle-manifest.json", Duration.ofDays(20 * 365));
        return store;
    }

    @Test
    void deletesExactlyTheExpiredUnheldObjectsAndRecordsEachDeletion() {
        MemoryObjectStore store = archive();
        LegalHolds holds = new LegalHolds(store, ObjectLock.none("test"));
        holds.place(
                LegalHold.onSession(
                        "h1",
                        "CASE-1",
                        "held",
                        "s1",
                        "inquiry",
                        "ann",
                        NOW.minus(Duration.ofDays(1))));
        holds.place(
                LegalHold.onParticipant(
                        "h2",
                        "CASE-2",
                        "carol",
                        null,
                        "complaint",
                        "ann",
                        NOW.minus(Duration.ofDays(1))));
        Recorded audit = new Recorded();
        RetentionReport report =
                new RetentionRun(
                                store,
                                "memory",
                                holds,
                                ObjectLock.none("test"),
                                POLICY,
                                audit,
                                "retention@test",
                                Clock.fixed(NOW, ZoneOffset.UTC))
                        .run(false, line -> {});

        assertThat(report.deleted())
                .containsExactlyInAnyOrder(
                        "rooms/old/s1/mix/seg-000000.m4s",
                        "rooms/old/s1/mix/vod.m3u8",
                        "rooms/old/s1/mix/room.opus",
                        "rooms/old/s1/events.ndjson",
                        "rooms/old/s1/tracks/dave.opus",
                        "rooms/old/s2/mix/seg-000000.m4s",
                        "rooms/old/s2/mix/vod.m3u8",
                        "rooms/old/s2/mix/room.opus",
                        "rooms/old/s2/events.ndjson");
        assertThat(store.deletedKeys()).containsExactlyInAnyOrderElementsOf(report.deleted());
        assertThat(store.keys())
                .contains(
                        "rooms/held/s1/mix/room.opus",
                        "rooms/held/s1/mix/seg-000000.m4s",
                        "rooms/spoke/s1/tracks/carol.opus",
                        "rooms/spoke/s1/mix/room.opus",
                        "rooms/new/s1/mix/seg-000000.m4s",
                        "rooms/new/s1/mix/room.opus",
                        "audit/batches/000000000000.ndjson",
                        "exports/x1/bundle-manifest.json",
                        "holds/h1.json");
        assertThat(report.count(RetentionPlan.Verdict.KEEP_HELD)).isEqualTo(9);
        assertThat(report.count(RetentionPlan.Verdict.KEEP_UNEXPIRED)).isEqualTo(2);
        assertThat(report.count(RetentionPlan.Verdict.KEEP_FOREVER)).isEqualTo(1);
        assertThat(audit.records).hasSize(report.deleted().size());
        assertThat(audit.records)
                .allSatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("delete");
                            assertThat(r.actor()).isEqualTo("retention");
                            assertThat(r.resource()).startsWith("s3://memory/rooms/old/");
                        });
        assertThat(audit.records)
                .filteredOn(r -> r.resource().endsWith("old/s1/mix/room.opus"))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.roomId()).isEqualTo("old");
                            assertThat(r.sessionId()).isEqualTo("s1");
                            assertThat(r.detail()).startsWith("tier compliance (7y) expired");
                        });
    }

    @Test
    void aDryRunDeletesNothingAndAReleasedHoldNoLongerProtects() {
        MemoryObjectStore store = archive();
        LegalHolds holds = new LegalHolds(store, ObjectLock.none("test"));
        holds.place(
                LegalHold.onSession(
                        "h1", "CASE-1", "held", "s1", "", "ann", NOW.minus(Duration.ofDays(2))));
        Recorded audit = new Recorded();
        RetentionRun run =
                new RetentionRun(
                        store,
                        "memory",
                        holds,
                        ObjectLock.none("test"),
                        POLICY,
                        audit,
                        "retention@test",
                        Clock.fixed(NOW, ZoneOffset.UTC));
        RetentionReport dry = run.run(true, line -> {});
        assertThat(dry.deleted()).isEmpty();
        assertThat(store.deletedKeys()).isEmpty();
        assertThat(audit.records).isEmpty();
        assertThat(dry.count(RetentionPlan.Verdict.DELETE)).isEqualTo(14);

        holds.release("h1", "ann", NOW.minus(Duration.ofDays(1)));
        assertThat(holds.get("h1"))
                .hasValueSatisfying(h -> assertThat(h.releasedBy()).isEqualTo("ann"));
        assertThat(run.run(false, line -> {}).deleted()).contains("rooms/held/s1/mix/room.opus");
    }

    @Test
    void aDeletionThatCannotBeRecordedStopsTheRun() {
        MemoryObjectStore store = archive();
        LegalHolds holds = new LegalHolds(store, ObjectLock.none("test"));
        AuditLog broken =
                record -> {
                    throw new AuditLog.AuditLogException("archive.audit unreachable", null);
                };
        RetentionRun run =
                new RetentionRun(
                        store,
                        "memory",
                        holds,
                        ObjectLock.none("test"),
                        POLICY,
                        broken,
                        "retention@test",
                        Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> run.run(false, line -> {}))
                .isInstanceOf(AuditLog.AuditLogException.class);
        assertThat(store.deletedKeys()).hasSize(1);
    }

    @Test
    void theGuardRefusesToDeleteOrOverwriteHeldObjects() {
        MemoryObjectStore store = archive();
        LegalHolds holds = new LegalHolds(store, ObjectLock.none("test"));
        holds.place(LegalHold.onParticipant("h2", "CASE-2", "carol", "spoke", "", "ann", NOW));
        HoldGuard guard = new HoldGuard(store, holds);
        assertThatThrownBy(() -> guard.delete("rooms/spoke/s1/mix/room.opus"))
                .isInstanceOf(HeldObjectException.class)
                .hasMessageContaining("hold h2 (CASE-2) on participant carol in room spoke");
        assertThatThrownBy(() -> guard.put("rooms/spoke/s1/events.ndjson", new byte[1], "x"))
                .hasMessageContaining("refused to overwrite");
        guard.put("rooms/spoke/s1/mix/public/room.opus", new byte[1], "audio/ogg");
        guard.put(
                "rooms/spoke/s1/mix/public/room.opus",
                new byte[2],
                "audio/ogg"); // public copies are not evidence
        guard.put("rooms/spoke/s1/new-object.json", new byte[1], "x"); // new objects are fine
        guard.delete("rooms/old/s1/mix/room.opus");
        assertThat(store.deletedKeys()).containsExactly("rooms/old/s1/mix/room.opus");
    }
}
