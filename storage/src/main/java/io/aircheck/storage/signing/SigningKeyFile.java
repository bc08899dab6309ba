package io.aircheck.storage.signing;

import io.aircheck.config.EnvReader;
import io.aircheck.config.Setting;
import io.aircheck.storage.export.SigningKeys;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The operator's Ed25519 signing key, as a file ({@code aircheck keygen} writes it, with the public
 * key beside it as {@code <file>.pub}): it signs export bundles and audit batches. Configured by
 * {@code AIRCHECK_SIGNING_KEY_FILE}; the file is read where the key is used (search-api, the audit
 * archiver), so on a cluster it is mounted as a secret, never shipped inside a job.
 *
 * @param path the key file, or null when none is configured
 */
public record SigningKeyFile(String path) implements Serializable {
    public static final Setting<String> KEY_FILE =
            Setting.optional(
                    "AIRCHECK_SIGNING_KEY_FILE",
                    "Ed25519 key file (made by `aircheck keygen`) that signs export bundles and audit batches; unset = no bundle exports, audit batches chained but unsigned.");

    public static final List<Setting<?>> SETTINGS = List.of(KEY_FILE);

    /** Reads the setting and checks that a configured file holds a usable key pair. */
    public static SigningKeyFile read(EnvReader env) {
        String path = env.get(KEY_FILE);
        if (path == null || path.isBlank()) {
            return new SigningKeyFile(null);
        }
        SigningKeyFile file = new SigningKeyFile(path.trim());
        try {
            file.load();
        } catch (RuntimeException e) {
            env.problem(KEY_FILE.env() + "=" + path + ": " + e.getMessage());
        }
        return file;
    }

    public boolean configured() {
        return path != null;
    }

    /** The key, or empty when none is configured. */
    public Optional<SigningKeys.Signer> signer() {
        return configured() ? Optional.of(load()) : Optional.empty();
    }

    /**
     * @throws IllegalArgumentException when the file cannot be read or holds no key pair
     */
    public SigningKeys.Signer load() {
        try {
            return SigningKeys.readSigner(
                    Files.readString(Path.of(path), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file: " + e, e);
        }
    }

    /** Writes a new key pair: the key file (owner-only) and {@code <file>.pub}. */
    public static SigningKeys.Signer generate(Path keyFile) {
        SigningKeys.Signer signer = SigningKeys.generate();
        try {
            if (keyFile.getParent() != null) {
                Files.createDirectories(keyFile.getParent());
            }
            if (Files.exists(keyFile)) {
                throw new IllegalArgumentException(
                        keyFile + " exists already; not overwriting a key");
            }
            Files.createFile(
                    keyFile,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, SigningKeys.privatePem(signer), StandardCharsets.US_ASCII);
            Files.writeString(
                    publicFile(keyFile),
                    SigningKeys.publicPem(signer.publicKey()),
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + keyFile, e);
        }
        return signer;
    }

    public static Path publicFile(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".pub");
    }

    /** Reads a public key file (or a key file; only its public half is used). */
    public static SigningKeys.Verifier readPublic(Path file) {
        try {
            return SigningKeys.readVerifier(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
        }
    }
}
