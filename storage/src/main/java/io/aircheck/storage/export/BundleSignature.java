package io.aircheck.storage.export;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * {@code bundle-manifest.json.sig}: one line,
 *
 * <pre>
 * aircheck-bundle-signature/1 ed25519 &lt;key id&gt; &lt;sha256 of the manifest&gt; &lt;base64 signature&gt;
 * </pre>
 *
 * where the Ed25519 signature covers the line's first four fields (the statement). Checking the
 * statement's signature first and the manifest's hash second tells an altered signature file from
 * an altered manifest. Fixed length for a given key id. Pure.
 */
public final class BundleSignature {
    public static final String FORMAT = "aircheck-bundle-signature/1";

    private BundleSignature() {}

    public static byte[] sign(SigningKeys.Signer signer, byte[] manifest) {
        String statement = statement(signer.keyId(), sha256(manifest));
        byte[] signature = signer.sign(statement.getBytes(StandardCharsets.US_ASCII));
        return line(statement, signature);
    }

    /** What a signature file says. */
    public record Parsed(String keyId, String manifestSha256, byte[] signature) {}

    /** The outcome of a check, with the file to blame when it fails. */
    public record Check(boolean valid, String blame, String reason) {
        static Check ok() {
            return new Check(true, null, null);
        }

        static Check fail(String blame, String reason) {
            return new Check(false, blame, reason);
        }
    }

    /**
     * @throws IllegalArgumentException when the file is not a signature of this format
     */
    public static Parsed parse(byte[] file) {
        String text = new String(file, StandardCharsets.US_ASCII);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("not one line ending in a newline");
        }
        String[] parts = text.substring(0, text.length() - 1).split(" ", -1);
        if (parts.length != 5 || !parts[0].equals(FORMAT) || !parts[1].equals("ed25519")) {
            throw new IllegalArgumentException("not an " + FORMAT + " line");
        }
        if (!parts[3].matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("the manifest hash is not 64 hex digits");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(parts[4]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signature is not base64");
        }
        if (signature.length != 64) {
            throw new IllegalArgumentException("an Ed25519 signature has 64 bytes");
        }
        Parsed parsed = new Parsed(parts[2], parts[3], signature);
        if (!java.util.Arrays.equals(file, line(statement(parts[2], parts[3]), signature))) {
            throw new IllegalArgumentException("not written the one way this format is written");
        }
        return parsed;
    }

    /** Checks the signature file, then that it signs these manifest bytes. */
    public static Check check(SigningKeys.Verifier verifier, byte[] manifest, byte[] file) {
        Parsed parsed;
        try {
            parsed = parse(file);
        } catch (IllegalArgumentException e) {
            return Check.fail(BundleManifest.SIGNATURE_NAME, "unreadable: " + e.getMessage());
        }
        if (!parsed.keyId().equals(verifier.keyId())) {
            return Check.fail(
                    BundleManifest.SIGNATURE_NAME,
                    "signed by key "
                            + parsed.keyId()
                            + ", not by the key given to verify with ("
                            + verifier.keyId()
                            + ")");
        }
        byte[] statement =
                statement(parsed.keyId(), parsed.manifestSha256())
                        .getBytes(StandardCharsets.US_ASCII);
        if (!verifier.verify(statement, parsed.signature())) {
            return Check.fail(
                    BundleManifest.SIGNATURE_NAME,
                    "the Ed25519 signature does not verify: the signature file was altered");
        }
        String actual = sha256(manifest);
        if (!actual.equals(parsed.manifestSha256())) {
            return Check.fail(
                    BundleManifest.MANIFEST_NAME,
                    "altered after it was signed: it hashes to "
                            + actual
                            + ", the signature covers "
                            + parsed.manifestSha256());
        }
        return Check.ok();
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Digests.sha256().digest(bytes));
    }

    private static String statement(String keyId, String manifestSha256) {
        return FORMAT + " ed25519 " + keyId + " " + manifestSha256;
    }

    private static byte[] line(String statement, byte[] signature) {
        return (statement + " " + Base64.getEncoder().encodeToString(signature) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
