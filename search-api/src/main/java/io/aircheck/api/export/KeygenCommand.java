package io.aircheck.api.export;

import io.aircheck.storage.export.SigningKeys;
import io.aircheck.storage.signing.SigningKeyFile;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code aircheck keygen [file]}: makes the operator's Ed25519 key pair: the key file (owner-only;
 * point {@code AIRCHECK_SIGNING_KEY_FILE} at it) and {@code <file>.pub}, the public key auditors
 * and courts verify bundles with. Never overwrites a key.
 */
public final class KeygenCommand {
    private KeygenCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            err.println("usage: aircheck keygen [key file, default aircheck-signing.key]");
            return 2;
        }
        Path file = Path.of(args.length == 1 ? args[0] : "aircheck-signing.key");
        try {
            SigningKeys.Signer signer = SigningKeyFile.generate(file);
            out.println(
                    "signing key  "
                            + file.toAbsolutePath()
                            + "  (keep it secret; AIRCHECK_SIGNING_KEY_FILE="
                            + file.toAbsolutePath()
                            + ")");
            out.println(
                    "public key   "
                            + SigningKeyFile.publicFile(file).toAbsolutePath()
                            + "  (give it to whoever verifies bundles)");
            out.println("key id       " + signer.keyId());
            return 0;
        } catch (RuntimeException e) {
            err.println("keygen failed: " + e.getMessage());
            return 1;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }
}
