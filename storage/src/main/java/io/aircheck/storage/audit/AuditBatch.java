package io.aircheck.storage.audit;

import io.aircheck.storage.CanonicalJson;
import io.aircheck.storage.export.SigningKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One archived batch of the audit trail, as NDJSON:
 *
 * <pre>
 * {"format":"aircheck-audit-batch/1","seq":3,"previous":"&lt;hash of batch 2&gt;","count":2}
 * {"partition":0,"offset":17,"event":{...},"link":"&lt;hex&gt;"}
 * {"partition":1,"offset":9,"event":{...},"link":"&lt;hex&gt;"}
 * {"sha256":"&lt;hash of the lines above&gt;","keyId":"...","signature":"&lt;base64&gt;"}
 * </pre>
 *
 * The signature (when the archiver has a key) is Ed25519 over {@code "aircheck-audit-batch/1 <seq>
 * <sha256>"}. Pure.
 */
public record AuditBatch(long seq, String previous, List<AuditEntry> entries, List<String> links) {
    public static final String FORMAT = "aircheck-audit-batch/1";

    public AuditBatch {
        entries = List.copyOf(entries);
        links = List.copyOf(links);
        if (entries.size() != links.size()) {
            throw new IllegalArgumentException(
                    entries.size() + " entries, " + links.size() + " links");
        }
    }

    /** A batch of {@code entries} after the batch that hashed to {@code previous}, linked. */
    public static AuditBatch of(long seq, String previous, List<AuditEntry> entries) {
        List<String> links = new ArrayList<>(entries.size());
        String at = previous;
        for (AuditEntry e : entries) {
            at = AuditChain.link(at, e);
            links.add(at);
        }
        return new AuditBatch(seq, previous, entries, links);
    }

    /** The lines the batch's hash covers: the header and the entries. */
    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 600 * entries.size());
        String header =
                new CanonicalJson()
                        .field("format", FORMAT)
                        .field("seq", seq)
                        .field("previous", previous)
                        .field("count", (long) entries.size())
                        .toString();
        out.writeBytes((header + "\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < entries.size(); i++) {
            out.writeBytes(
                    (entries.get(i).line(links.get(i)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    public String sha256() {
        return AuditChain.hex(body());
    }

    /** The object's bytes: the body and the trailer, signed when a signer is given. */
    public byte[] write(SigningKeys.Signer signer) {
        byte[] body = body();
        String sha256 = AuditChain.hex(body);
        String trailer =
                new CanonicalJson()
                        .field("sha256", sha256)
                        .field("keyId", signer == null ? null : signer.keyId())
                        .field(
                                "signature",
                                signer == null
                                        ? null
                                        : Base64.getEncoder()
                                                .encodeToString(
                                                        signer.sign(statement(seq, sha256))))
                        .toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 200);
        out.writeBytes(body);
        out.writeBytes((trailer + "\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static byte[] statement(long seq, String sha256) {
        return (FORMAT + " " + seq + " " + sha256).getBytes(StandardCharsets.UTF_8);
    }
}
