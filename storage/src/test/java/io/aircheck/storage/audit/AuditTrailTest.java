package io.aircheck.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.storage.export.SigningKeys;
import io.aircheck.storage.testing.MemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The archived audit trail: chained, signed batches, and tampering of every kind detected. */
class AuditTrailTest {
    private static final SigningKeys.Signer KEY = SigningKeys.generate();

    static AuditRecord record(String actor, String action, long atMs) {
        return new AuditRecord(
                "ev-" + actor + "-" + atMs,
                atMs,
                actor,
                "auditor",
                "key",
                action,
                "ok",
                200,
                "CASE-1",
                "127.0.0.1",
                "search-api@test",
                "room-1",
                "s1",
                "",
                "GET /api/search",
                "q=budget",
                "curl/8");
    }

    /** Three batches over two partitions: offsets 0-3 of partition 0 and 0-2 of partition 1. */
    static MemoryObjectStore trail() {
        MemoryObjectStore store = new MemoryObjectStore();
        AuditArchive archive = AuditArchive.open(store, KEY);
        archive.append(
                List.of(
                        AuditEntry.of(0, 0, record("ann", "search", 1000)),
                        AuditEntry.of(1, 0, record("bob", "play", 1001))));
        archive.append(
                List.of(
                        AuditEntry.of(0, 1, record("ann", "export", 1002)),
                        AuditEntry.of(0, 2, record("ann", "download", 1003)),
                        AuditEntry.refused(1, 1, "not an AuditEvent: truncated", "ab".repeat(32))));
        archive.append(
                List.of(
                        AuditEntry.of(1, 2, record("adam", "role_change", 1004)),
                        AuditEntry.of(0, 3, record("ann", "delete", 1005))));
        return store;
    }

    private static AuditVerification verify(MemoryObjectStore store) {
        return AuditArchive.verify(store, KEY.verifier());
    }

    private static void edit(MemoryObjectStore store, String key, String from, String to) {
        String text = new String(store.get(key), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        store.put(
                key,
                text.replaceFirst(
                                java.util.regex.Pattern.quote(from),
                                java.util.regex.Matcher.quoteReplacement(to))
                        .getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson");
    }

    @Test
    void anIntactTrailVerifiesAndTheHeadNamesTheLastBatch() {
        MemoryObjectStore store = trail();
        AuditVerification v = verify(store);
        assertThat(v.problems()).isEmpty();
        assertThat(v.batches()).isEqualTo(3);
        assertThat(v.entries()).isEqualTo(7);
        assertThat(v.signaturesChecked()).isTrue();
        AuditHead head = AuditFiles.readHead(store.get(AuditChain.HEAD));
        assertThat(head.seq()).isEqualTo(2);
        assertThat(head.lastOffset(0)).isEqualTo(3);
        assertThat(head.lastOffset(1)).isEqualTo(2);
        assertThat(AuditArchive.verify(store, null).notes())
                .contains("signatures not checked: no public key given");
    }

    @Test
    void entriesAlreadyArchivedAreNotArchivedAgain() {
        MemoryObjectStore store = trail();
        AuditArchive reopened = AuditArchive.open(store, KEY);
        assertThat(reopened.append(List.of(AuditEntry.of(0, 2, record("ann", "download", 1003)))))
                .isEmpty();
        assertThat(
                        reopened.append(
                                List.of(
                                        AuditEntry.of(0, 3, record("ann", "delete", 1005)),
                                        AuditEntry.of(0, 4, record("ann", "search", 1006)))))
                .hasValueSatisfying(
                        b ->
                                assertThat(b.entries())
                                        .extracting(AuditEntry::offset)
                                        .containsExactly(4L));
        assertThat(verify(store).problems()).isEmpty();
    }

    @Test
    void anAlteredEntryIsNamedWithItsBatch() {
        MemoryObjectStore store = trail();
        String batch = AuditChain.batchKey(1);
        edit(store, batch, "\"action\":\"export\"", "\"action\":\"search\"");
        AuditVerification v = verify(store);
        assertThat(v.ok()).isFalse();
        assertThat(v.problems())
                .extracting(AuditVerification.Problem::toString)
                .anyMatch(
                        p ->
                                p.startsWith(
                                        batch
                                                + ": entry 0 (partition 0, offset 1, search by ann) was altered"))
                .anyMatch(p -> p.startsWith(batch + ": its bytes hash to"));
    }

    @Test
    void aRemovedEntryIsFoundEvenWhenTheBatchIsRewrittenConsistently() {
        MemoryObjectStore store = trail();
        // someone without the key rewrites batch 1 without the export, hashes and links recomputed
        AuditFiles.StoredBatch stored = AuditFiles.readBatch(store.get(AuditChain.batchKey(1)));
        List<AuditEntry> kept = new ArrayList<>(stored.entries());
        kept.remove(0);
        store.put(
                AuditChain.batchKey(1),
                AuditBatch.of(1, stored.previous(), kept).write(null),
                "application/x-ndjson");
        AuditVerification v = verify(store);
        assertThat(v.problems())
                .extracting(AuditVerification.Problem::toString)
                .anyMatch(
                        p ->
                                p.startsWith(
                                        AuditChain.batchKey(1)
                                                + ": partition 0: offsets 1..1 are missing"))
                .anyMatch(p -> p.startsWith(AuditChain.batchKey(1) + ": is not signed"))
                .anyMatch(
                        p ->
                                p.startsWith(
                                        AuditChain.batchKey(2)
                                                + ": does not follow the batch before it"));
    }

    @Test
    void aRemovedBatchOrAMovedHeadIsFound() {
        MemoryObjectStore store = trail();
        store.delete(AuditChain.batchKey(1));
        assertThat(verify(store).problems())
                .extracting(AuditVerification.Problem::toString)
                .anyMatch(p -> p.equals(AuditChain.batchKey(1) + ": missing (removed?)"))
                .anyMatch(p -> p.startsWith(AuditChain.batchKey(2) + ": does not follow"));

        MemoryObjectStore truncated = trail();
        truncated.delete(AuditChain.batchKey(2));
        assertThat(verify(truncated).problems())
                .extracting(AuditVerification.Problem::toString)
                .anyMatch(
                        p ->
                                p.startsWith(
                                        AuditChain.HEAD
                                                + ": names batch 2 but the last batch is 1"));
        // ... and a head rewritten to hide that, by someone without the key
        AuditFiles.StoredBatch last = AuditFiles.readBatch(truncated.get(AuditChain.batchKey(1)));
        truncated.put(
                AuditChain.HEAD,
                AuditHead.of(
                                1,
                                last.sha256(),
                                5,
                                java.util.Map.of(0, 2L, 1, 1L),
                                SigningKeys.generate())
                        .write(),
                "application/json");
        assertThat(verify(truncated).problems())
                .extracting(AuditVerification.Problem::toString)
                .containsExactly(
                        AuditChain.HEAD
                                + ": its signature does not verify with key "
                                + KEY.keyId());
    }

    @Test
    void anUnreadableBatchIsNamed() {
        MemoryObjectStore store = trail();
        store.put(AuditChain.batchKey(0), "garbage".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(verify(store).problems())
                .extracting(AuditVerification.Problem::toString)
                .anyMatch(p -> p.startsWith(AuditChain.batchKey(0) + ": cannot be read"));
    }

    @Test
    void recordsRoundTripThroughTheWireContract() {
        AuditRecord r = record("ann", "legal_hold", 42);
        assertThat(AuditRecord.of(r.toEvent())).isEqualTo(r);
        assertThat(r.canonical())
                .startsWith("{\"eventId\":\"ev-ann-42\",\"atMs\":42,\"actor\":\"ann\"");
    }
}
