package io.aircheck.jobs.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.storage.audit.AuditArchive;
import io.aircheck.storage.audit.AuditChain;
import io.aircheck.storage.audit.AuditRecord;
import io.aircheck.storage.audit.AuditTrailVerifier;
import io.aircheck.storage.audit.AuditVerification;
import io.aircheck.storage.signing.SigningKeyFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain writer: batches by size and by time, signed, and exactly once through a restore. */
class AuditChainFunctionTest {
    @TempDir Path dir;
    private SigningKeyFile key;

    @BeforeEach
    void clean() {
        SharedMemoryStore.OBJECTS.clear();
        MemoryAuditIndex.DOCS.clear();
        Path file = dir.resolve("signing.key");
        SigningKeyFile.generate(file);
        key = new SigningKeyFile(file.toString());
    }

    private KeyedOneInputStreamOperatorTestHarness<String, LoggedAudit, ArchivedBatch> harness(
            int batchSize) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new AuditChainFunction(
                                        SharedMemoryStore::new,
                                        MemoryAuditIndex::new,
                                        new AuditSettings(batchSize, 5_000, key))),
                        e -> AuditArchiverJob.CHAIN,
                        Types.STRING);
        h.setProcessingTime(0);
        return h;
    }

    static LoggedAudit event(int partition, long offset) {
        return new LoggedAudit(
                partition,
                offset,
                new AuditRecord(
                        "e" + partition + "-" + offset,
                        1_000 + offset,
                        "ann",
                        "auditor",
                        "key",
                        "search",
                        "ok",
                        200,
                        "CASE-1",
                        "127.0.0.1",
                        "test",
                        "",
                        "",
                        "",
                        "GET /api/search",
                        "q=x",
                        ""),
                null,
                null);
    }

    private AuditVerification verify() {
        List<AuditTrailVerifier.Stored> batches = new ArrayList<>();
        SharedMemoryStore.OBJECTS.forEach(
                (k, v) -> {
                    if (k.startsWith(AuditChain.BATCHES)) {
                        batches.add(new AuditTrailVerifier.Stored(k, v));
                    }
                });
        return new AuditTrailVerifier(key.load().verifier())
                .verify(batches, SharedMemoryStore.OBJECTS.get(AuditChain.HEAD));
    }

    @Test
    void aFullBatchIsArchivedAtOnceAndTheRestWhenTheyHaveWaitedLongEnough() throws Exception {
        try (var h = harness(3)) {
            h.open();
            for (long o = 0; o < 4; o++) {
                h.processElement(new StreamRecord<>(event(0, o)));
            }
            assertThat(h.extractOutputValues())
                    .extracting(ArchivedBatch::seq, ArchivedBatch::entries)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 3));
            assertThat(MemoryAuditIndex.DOCS).hasSize(3);
            h.setProcessingTime(4_999);
            assertThat(h.extractOutputValues()).hasSize(1);
            h.setProcessingTime(5_000);
            assertThat(h.extractOutputValues())
                    .extracting(ArchivedBatch::seq)
                    .containsExactly(0L, 1L);
            assertThat(MemoryAuditIndex.DOCS).hasSize(4);
        }
        AuditVerification v = verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.entries()).isEqualTo(4);
        assertThat(v.signaturesChecked()).isTrue();
    }

    @Test
    void aRestoreFromAnOlderCheckpointArchivesEveryEntryOnce() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(2)) {
            h.open();
            h.processElement(new StreamRecord<>(event(0, 0)));
            snapshot = h.snapshot(1, 10);
            // after the checkpoint: more entries, archived, then the job dies
            h.processElement(new StreamRecord<>(event(0, 1)));
            h.processElement(new StreamRecord<>(event(1, 0)));
            h.processElement(new StreamRecord<>(event(1, 1)));
            h.setProcessingTime(6_000);
        }
        assertThat(verify().entries()).isEqualTo(4);
        try (var restored = harness(2)) {
            restored.initializeState(snapshot);
            restored.open();
            // Kafka replays from the checkpoint's offsets
            restored.processElement(new StreamRecord<>(event(0, 1)));
            restored.processElement(new StreamRecord<>(event(1, 0)));
            restored.processElement(new StreamRecord<>(event(1, 1)));
            restored.processElement(new StreamRecord<>(event(0, 2)));
            restored.setProcessingTime(20_000);
        }
        AuditVerification v = verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.entries()).isEqualTo(5);
        assertThat(AuditArchive.open(new SharedMemoryStore(), null).head())
                .hasValueSatisfying(
                        head -> {
                            assertThat(head.lastOffset(0)).isEqualTo(2);
                            assertThat(head.lastOffset(1)).isEqualTo(1);
                        });
    }

    @Test
    void refusedRecordsKeepTheirPlaceInTheTrail() throws Exception {
        try (var h = harness(10)) {
            h.open();
            h.processElement(new StreamRecord<>(event(0, 0)));
            h.processElement(
                    new StreamRecord<>(
                            new LoggedAudit(
                                    0, 1, null, "not an AuditEvent: truncated", "ab".repeat(32))));
            h.processElement(new StreamRecord<>(event(0, 2)));
            h.setProcessingTime(5_000);
        }
        assertThat(verify().problems()).isEmpty();
        assertThat(new String(SharedMemoryStore.OBJECTS.get(AuditChain.batchKey(0))))
                .contains("\"offset\":1,\"rejected\":\"not an AuditEvent: truncated\"");
        assertThat(MemoryAuditIndex.DOCS).hasSize(2);
    }
}
