package io.aircheck.storage.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys (the JDK's own {@code Signature.getInstance("Ed25519")}) in the PEM forms OpenSSL
 * reads: {@code PRIVATE KEY} (PKCS#8) and {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo). A key
 * file holds both blocks, the public one after the private one, so a signer knows its key id; the
 * public key alone is what verifiers are given. Pure: text in, keys out.
 */
public final class SigningKeys {
    public static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM =
            Pattern.compile(
                    "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private SigningKeys() {}

    /** A key pair that signs, named by the id of its public half. */
    public record Signer(PrivateKey privateKey, PublicKey publicKey, String keyId) {
        public byte[] sign(byte[] message) {
            try {
                Signature signature = Signature.getInstance(ALGORITHM);
                signature.initSign(privateKey);
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 signing failed", e);
            }
        }

        public Verifier verifier() {
            return new Verifier(publicKey, keyId);
        }
    }

    /** A public key that checks signatures. */
    public record Verifier(PublicKey publicKey, String keyId) {
        public boolean verify(byte[] message, byte[] signatureBytes) {
            try {
                Signature signature = Signature.getInstance(ALGORITHM);
                signature.initVerify(publicKey);
                signature.update(message);
                return signature.verify(signatureBytes);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    public static Signer generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new Signer(pair.getPrivate(), pair.getPublic(), keyId(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
    }

    /** The first 16 hex digits of the sha256 of the public key's X.509 encoding. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The key file's text: the private key, then the public key, both PEM. */
    public static String privatePem(Signer signer) {
        return pem("PRIVATE KEY", signer.privateKey().getEncoded()) + publicPem(signer.publicKey());
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /**
     * Reads a key file (PRIVATE KEY and PUBLIC KEY blocks) and checks that the two halves belong
     * together.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Signer readSigner(String pemText) {
        byte[] privateDer = block(pemText, "PRIVATE KEY");
        byte[] publicDer = block(pemText, "PUBLIC KEY");
        if (privateDer == null) {
            throw new IllegalArgumentException("no '-----BEGIN PRIVATE KEY-----' block");
        }
        if (publicDer == null) {
            throw new IllegalArgumentException(
                    "no '-----BEGIN PUBLIC KEY-----' block after the private key (aircheck keygen writes both)");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicDer));
            Signer signer = new Signer(privateKey, publicKey, keyId(publicKey));
            byte[] probe = "aircheck key check".getBytes(StandardCharsets.UTF_8);
            if (!signer.verifier().verify(probe, signer.sign(probe))) {
                throw new IllegalArgumentException(
                        "the public key in the file does not belong to its private key");
            }
            return signer;
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new IllegalArgumentException("not an Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** Reads a public key (a PUBLIC KEY block; a key file with both halves also works). */
    public static Verifier readVerifier(String pemText) {
        byte[] der = block(pemText, "PUBLIC KEY");
        if (der == null) {
            throw new IllegalArgumentException("no '-----BEGIN PUBLIC KEY-----' block");
        }
        try {
            PublicKey key =
                    KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
            return new Verifier(key, keyId(key));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static byte[] block(String text, String label) {
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(label)) {
                try {
                    return Base64.getMimeDecoder().decode(m.group(2));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the " + label + " block is not base64");
                }
            }
        }
        return null;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN "
                + label
                + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END "
                + label
                + "-----\n";
    }
}
