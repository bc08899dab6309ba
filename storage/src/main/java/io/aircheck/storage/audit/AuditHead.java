package io.aircheck.storage.audit;

import io.aircheck.storage.CanonicalJson;
import io.aircheck.storage.export.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code audit/head.json}: the last batch of the trail (its sequence number, key and hash), how
 * many entries the trail holds, and the last offset archived of each {@code archive.audit}
 * partition (where the archiver resumes). Signed like a batch when the archiver has a key. Pure.
 */
public record AuditHead(
        long seq,
        String sha256,
        long entries,
        Map<Integer, Long> lastOffsets,
        String keyId,
        String signature) {
    public static final String FORMAT = "aircheck-audit-head/1";

    public AuditHead {
        lastOffsets = Map.copyOf(new TreeMap<>(lastOffsets));
    }

    public String batchKey() {
        return AuditChain.batchKey(seq);
    }

    /** The last offset archived of {@code partition}, -1 when none. */
    public long lastOffset(int partition) {
        return lastOffsets.getOrDefault(partition, -1L);
    }

    /** What the head's signature covers. */
    public String statement() {
        return FORMAT + " " + seq + " " + sha256 + " " + entries + " " + offsets();
    }

    /** A head for these facts, signed when {@code signer} is given. */
    public static AuditHead of(
            long seq,
            String sha256,
            long entries,
            Map<Integer, Long> lastOffsets,
            SigningKeys.Signer signer) {
        AuditHead unsigned = new AuditHead(seq, sha256, entries, lastOffsets, null, null);
        if (signer == null) {
            return unsigned;
        }
        byte[] signature = signer.sign(unsigned.statement().getBytes(StandardCharsets.UTF_8));
        return new AuditHead(
                seq,
                sha256,
                entries,
                lastOffsets,
                signer.keyId(),
                Base64.getEncoder().encodeToString(signature));
    }

    public byte[] write() {
        String json =
                new CanonicalJson()
                        .field("format", FORMAT)
                        .field("seq", seq)
                        .field("key", batchKey())
                        .field("sha256", sha256)
                        .field("entries", entries)
                        .raw("lastOffsets", offsets())
                        .field("keyId", keyId)
                        .field("signature", signature)
                        .toString();
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private String offsets() {
        CanonicalJson json = new CanonicalJson();
        new TreeMap<>(lastOffsets).forEach((p, o) -> json.field(Integer.toString(p), o));
        return json.toString();
    }
}
