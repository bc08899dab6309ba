package io.aircheck.storage.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The audit trail's hash chain, across batches and through every entry:
 *
 * <pre>
 * genesis            = sha256("aircheck-audit/1 genesis")
 * batch[n].previous  = sha256(bytes of batch[n-1] before its trailer)     (genesis for batch 0)
 * link[-1]           = batch.previous
 * link[i]            = sha256(link[i-1] + "\n" + entry[i].canonical())
 * </pre>
 *
 * So an entry changed, removed, added or moved changes its batch's links and hash, and the next
 * batch no longer follows it; the head object names the last batch, and (with a signing key) every
 * batch and the head are signed. Pure.
 */
public final class AuditChain {
    public static final String GENESIS = sha256("aircheck-audit/1 genesis");
    public static final String PREFIX = "audit/";
    public static final String BATCHES = "audit/batches/";
    public static final String HEAD = "audit/head.json";

    private AuditChain() {}

    public static String link(String previous, AuditEntry entry) {
        return sha256(previous + "\n" + entry.canonical());
    }

    /** The object key of batch {@code seq}: zero-padded so keys sort in sequence order. */
    public static String batchKey(long seq) {
        return BATCHES + String.format(Locale.ROOT, "%012d", seq) + ".ndjson";
    }

    /** The sequence number in a batch key, or -1 when it is not one. */
    public static long seqOf(String key) {
        if (!key.startsWith(BATCHES) || !key.endsWith(".ndjson")) {
            return -1;
        }
        String digits = key.substring(BATCHES.length(), key.length() - ".ndjson".length());
        return digits.matches("[0-9]{12}") ? Long.parseLong(digits) : -1;
    }

    static String sha256(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
