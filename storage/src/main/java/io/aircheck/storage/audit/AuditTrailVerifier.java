package io.aircheck.storage.audit;

import io.aircheck.storage.audit.AuditVerification.Problem;
import io.aircheck.storage.export.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the archived audit trail: batches numbered without gaps, each following the one before
 * (its {@code previous} is that batch's hash), every entry's link recomputed (an altered entry is
 * named), each batch's bytes against its trailer hash, the log offsets of each partition without
 * gaps or repeats (a removed entry shows as missing offsets even if someone recomputed the hashes),
 * the head naming the last batch, and, given the archiver's public key, every signature. Pure.
 */
public final class AuditTrailVerifier {

    /** A stored object: its key and bytes. */
    public record Stored(String key, byte[] bytes) {}

    private final SigningKeys.Verifier key;

    /** {@code key} may be null: then signatures are not checked (and a note says so). */
    public AuditTrailVerifier(SigningKeys.Verifier key) {
        this.key = key;
    }

    public AuditVerification verify(List<Stored> batches, byte[] headBytes) {
        List<Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        TreeMap<Long, Stored> bySeq = new TreeMap<>();
        for (Stored b : batches) {
            long seq = AuditChain.seqOf(b.key());
            if (seq < 0) {
                problems.add(
                        new Problem(
                                b.key(),
                                "not a batch key (expected " + AuditChain.batchKey(0) + " ...)"));
            } else {
                bySeq.put(seq, b);
            }
        }
        String previous = AuditChain.GENESIS;
        long expectedSeq = 0;
        long entries = 0;
        Map<Integer, long[]> lastByPartition = new HashMap<>(); // partition -> {offset, seq, index}
        for (Map.Entry<Long, Stored> e : bySeq.entrySet()) {
            long seq = e.getKey();
            String where = e.getValue().key();
            if (seq != expectedSeq) {
                problems.add(
                        new Problem(
                                AuditChain.batchKey(expectedSeq),
                                (seq - expectedSeq == 1
                                                ? "missing"
                                                : "batches "
                                                        + expectedSeq
                                                        + " to "
                                                        + (seq - 1)
                                                        + " missing")
                                        + " (removed?)"));
            }
            expectedSeq = seq + 1;
            AuditFiles.StoredBatch batch;
            try {
                batch = AuditFiles.readBatch(e.getValue().bytes());
            } catch (IllegalArgumentException x) {
                problems.add(new Problem(where, "cannot be read: " + x.getMessage()));
                previous = AuditChain.hex(e.getValue().bytes());
                continue;
            }
            if (batch.seq() != seq) {
                problems.add(new Problem(where, "says it is batch " + batch.seq()));
            }
            if (!batch.previous().equals(previous)) {
                problems.add(
                        new Problem(
                                where,
                                "does not follow the batch before it: it names "
                                        + batch.previous()
                                        + " but "
                                        + (seq == 0
                                                ? "the genesis hash is "
                                                : "batch " + (seq - 1) + " hashes to ")
                                        + previous
                                        + " (a batch was removed, replaced or altered)"));
            }
            String link = batch.previous();
            for (int i = 0; i < batch.entries().size(); i++) {
                AuditEntry entry = batch.entries().get(i);
                String expected = AuditChain.link(link, entry);
                String what =
                        "entry "
                                + i
                                + " (partition "
                                + entry.partition()
                                + ", offset "
                                + entry.offset()
                                + (entry.record() == null
                                        ? ""
                                        : ", "
                                                + entry.record().action()
                                                + " by "
                                                + entry.record().actor())
                                + ")";
                if (!expected.equals(batch.links().get(i))) {
                    problems.add(
                            new Problem(
                                    where,
                                    what
                                            + " was altered, inserted or a neighbour removed: its link does not follow from the entry before it"));
                }
                link = batch.links().get(i);
                offsets(lastByPartition, entry, seq, i, where, problems);
            }
            if (batch.count() != batch.entries().size()) {
                problems.add(
                        new Problem(
                                where,
                                "its header counts "
                                        + batch.count()
                                        + " entries, it holds "
                                        + batch.entries().size()));
            }
            String sha = AuditChain.hex(batch.body());
            if (!sha.equals(batch.sha256())) {
                problems.add(
                        new Problem(
                                where,
                                "its bytes hash to "
                                        + sha
                                        + ", its trailer says "
                                        + batch.sha256()
                                        + " (altered)"));
            }
            signature(batch, sha, where, problems);
            entries += batch.entries().size();
            previous = sha;
        }
        head(headBytes, bySeq, previous, entries, lastByPartition, problems);
        if (key == null) {
            notes.add("signatures not checked: no public key given");
        }
        return new AuditVerification(bySeq.size(), entries, key != null, problems, notes);
    }

    private static void offsets(
            Map<Integer, long[]> last,
            AuditEntry entry,
            long seq,
            int index,
            String where,
            List<Problem> problems) {
        long[] before = last.get(entry.partition());
        if (before != null) {
            long gap = entry.offset() - before[0];
            if (gap > 1) {
                problems.add(
                        new Problem(
                                where,
                                "partition "
                                        + entry.partition()
                                        + ": offsets "
                                        + (before[0] + 1)
                                        + ".."
                                        + (entry.offset() - 1)
                                        + " are missing before entry "
                                        + index
                                        + " (entries removed)"));
            } else if (gap < 1) {
                problems.add(
                        new Problem(
                                where,
                                "partition "
                                        + entry.partition()
                                        + ": offset "
                                        + entry.offset()
                                        + " of entry "
                                        + index
                                        + " repeats or goes back (after "
                                        + before[0]
                                        + ")"));
            }
        }
        last.put(entry.partition(), new long[] {entry.offset(), seq, index});
    }

    private void signature(
            AuditFiles.StoredBatch batch, String sha, String where, List<Problem> problems) {
        if (key == null) {
            return;
        }
        if (batch.signature() == null) {
            problems.add(new Problem(where, "is not signed"));
        } else if (!key.keyId().equals(batch.keyId())
                || !key.verify(AuditBatch.statement(batch.seq(), sha), decode(batch.signature()))) {
            problems.add(
                    new Problem(where, "its signature does not verify with key " + key.keyId()));
        }
    }

    private void head(
            byte[] bytes,
            TreeMap<Long, Stored> bySeq,
            String lastHash,
            long entries,
            Map<Integer, long[]> last,
            List<Problem> problems) {
        if (bytes == null) {
            if (!bySeq.isEmpty()) {
                problems.add(new Problem(AuditChain.HEAD, "missing: nothing names the last batch"));
            }
            return;
        }
        AuditHead head;
        try {
            head = AuditFiles.readHead(bytes);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(AuditChain.HEAD, "cannot be read: " + e.getMessage()));
            return;
        }
        long lastSeq = bySeq.isEmpty() ? -1 : bySeq.lastKey();
        if (head.seq() < lastSeq) {
            problems.add(
                    new Problem(
                            AuditChain.HEAD,
                            "names batch "
                                    + head.seq()
                                    + " but batches up to "
                                    + lastSeq
                                    + " exist (written after the head, or added)"));
        } else if (head.seq() > lastSeq) {
            problems.add(
                    new Problem(
                            AuditChain.HEAD,
                            "names batch "
                                    + head.seq()
                                    + " but the last batch is "
                                    + lastSeq
                                    + " (batches removed)"));
        } else if (!head.sha256().equals(lastHash)) {
            problems.add(
                    new Problem(
                            AuditChain.HEAD,
                            "names hash "
                                    + head.sha256()
                                    + " for batch "
                                    + head.seq()
                                    + ", which hashes to "
                                    + lastHash));
        }
        if (head.seq() == lastSeq && head.entries() != entries) {
            problems.add(
                    new Problem(
                            AuditChain.HEAD,
                            "counts " + head.entries() + " entries, the batches hold " + entries));
        }
        Map<Integer, Long> archived = new TreeMap<>();
        last.forEach((p, v) -> archived.put(p, v[0]));
        if (head.seq() == lastSeq && !new TreeMap<>(head.lastOffsets()).equals(archived)) {
            problems.add(
                    new Problem(
                            AuditChain.HEAD,
                            "names last offsets "
                                    + new TreeMap<>(head.lastOffsets())
                                    + ", the batches end at "
                                    + archived));
        }
        if (key != null) {
            if (head.signature() == null) {
                problems.add(new Problem(AuditChain.HEAD, "is not signed"));
            } else if (!key.keyId().equals(head.keyId())
                    || !key.verify(
                            head.statement().getBytes(StandardCharsets.UTF_8),
                            decode(head.signature()))) {
                problems.add(
                        new Problem(
                                AuditChain.HEAD,
                                "its signature does not verify with key " + key.keyId()));
            }
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
