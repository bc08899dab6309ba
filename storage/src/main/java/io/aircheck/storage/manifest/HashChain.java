package io.aircheck.storage.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The manifest's hash chain. The chain starts from a genesis hash bound to the session, and each
 * entry's link is the sha256 of the previous link and the entry's canonical text, so changing,
 * dropping, inserting or reordering any entry changes every later link and the head:
 *
 * <pre>
 * genesis = sha256("aircheck-manifest/1\n" + roomId + "\n" + sessionId + "\n" + startUs)
 * link[i] = sha256(link[i-1] + "\n" + entry[i].canonical())      link[-1] = genesis
 * </pre>
 *
 * Hashes are lowercase hex; the strings are hashed as UTF-8. Pure.
 */
public final class HashChain {
    public static final String FORMAT = "aircheck-manifest/1";

    private HashChain() {}

    public static String genesis(String roomId, String sessionId, long startUs) {
        return sha256(FORMAT + "\n" + roomId + "\n" + sessionId + "\n" + startUs);
    }

    public static String link(String previous, ManifestEntry entry) {
        return sha256(previous + "\n" + entry.canonical());
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
