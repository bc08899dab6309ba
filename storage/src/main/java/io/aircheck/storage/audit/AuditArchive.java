package io.aircheck.storage.audit;

import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.export.SigningKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail in the bucket ({@code audit/}): appends batches to the chain and moves the head,
 * on the {@link ObjectStore} port. The head is the archive's own record of what it holds: entries
 * at or below a partition's last archived offset are skipped, so a writer restarted from an older
 * checkpoint (which replays entries already archived) writes each entry once. One writer at a time.
 */
public final class AuditArchive {
    private static final Logger LOG = LoggerFactory.getLogger(AuditArchive.class);

    private final ObjectStore store;
    private final SigningKeys.Signer signer;
    private AuditHead head;

    private AuditArchive(ObjectStore store, SigningKeys.Signer signer, AuditHead head) {
        this.store = store;
        this.signer = signer;
        this.head = head;
    }

    /**
     * Reads the head (if any). {@code signer} may be null: batches are then chained, not signed.
     */
    public static AuditArchive open(ObjectStore store, SigningKeys.Signer signer) {
        AuditHead head =
                store.stat(AuditChain.HEAD).isPresent()
                        ? AuditFiles.readHead(store.get(AuditChain.HEAD))
                        : null;
        return new AuditArchive(store, signer, head);
    }

    public Optional<AuditHead> head() {
        return Optional.ofNullable(head);
    }

    /** Whether the entry at this log position is already archived. */
    public boolean archived(int partition, long offset) {
        return head != null && offset <= head.lastOffset(partition);
    }

    /**
     * Archives the entries not archived yet as the next batch, then moves the head to it. Returns
     * the batch written, or empty when every entry was archived already.
     */
    public Optional<AuditBatch> append(List<AuditEntry> entries) {
        List<AuditEntry> fresh = new ArrayList<>();
        Map<Integer, Long> seen = new HashMap<>();
        for (AuditEntry e : entries) {
            long last =
                    Math.max(
                            seen.getOrDefault(e.partition(), -1L),
                            head == null ? -1 : head.lastOffset(e.partition()));
            if (e.offset() > last) {
                fresh.add(e);
                seen.put(e.partition(), e.offset());
            }
        }
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        long seq = head == null ? 0 : head.seq() + 1;
        AuditBatch batch =
                AuditBatch.of(seq, head == null ? AuditChain.GENESIS : head.sha256(), fresh);
        store.put(AuditChain.batchKey(seq), batch.write(signer), "application/x-ndjson");
        Map<Integer, Long> offsets = new HashMap<>(head == null ? Map.of() : head.lastOffsets());
        offsets.putAll(seen);
        AuditHead next =
                AuditHead.of(
                        seq,
                        batch.sha256(),
                        (head == null ? 0 : head.entries()) + fresh.size(),
                        offsets,
                        signer);
        store.put(AuditChain.HEAD, next.write(), "application/json");
        head = next;
        LOG.debug("audit batch {} archived: {} entries", seq, fresh.size());
        return Optional.of(batch);
    }

    /** Every batch and the head as stored, for {@link AuditTrailVerifier}. */
    public static List<AuditTrailVerifier.Stored> batches(ObjectStore store) {
        List<AuditTrailVerifier.Stored> out = new ArrayList<>();
        for (ObjectInfo info : store.list(AuditChain.BATCHES)) {
            out.add(new AuditTrailVerifier.Stored(info.key(), store.get(info.key())));
        }
        return out;
    }

    /** Verifies the trail in {@code store}. */
    public static AuditVerification verify(ObjectStore store, SigningKeys.Verifier key) {
        byte[] head = store.stat(AuditChain.HEAD).isPresent() ? store.get(AuditChain.HEAD) : null;
        return new AuditTrailVerifier(key).verify(batches(store), head);
    }
}
