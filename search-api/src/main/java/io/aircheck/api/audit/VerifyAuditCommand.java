package io.aircheck.api.audit;

import io.aircheck.config.ConfigException;
import io.aircheck.config.EnvReader;
import io.aircheck.config.S3Settings;
import io.aircheck.storage.audit.AuditArchive;
import io.aircheck.storage.audit.AuditVerification;
import io.aircheck.storage.export.SigningKeys;
import io.aircheck.storage.s3.S3ObjectStore;
import io.aircheck.storage.signing.SigningKeyFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code aircheck verify-audit [--public-key file.pub]}: checks the audit trail archived in the
 * bucket ({@code AIRCHECK_S3_*}): batches without gaps, each following the one before, every
 * entry's link, the log offsets, the head, and with the public key every signature. Exit 0 when
 * intact, 1 with one line per problem naming the batch and entry.
 */
public final class VerifyAuditCommand {
    private VerifyAuditCommand() {}

    public static int run(
            String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        SigningKeys.Verifier key = null;
        if (args.length == 2 && args[0].equals("--public-key")) {
            try {
                key = SigningKeyFile.readPublic(Path.of(args[1]));
            } catch (IllegalArgumentException e) {
                err.println("cannot use the public key: " + e.getMessage());
                return 2;
            }
        } else if (args.length != 0) {
            err.println("usage: aircheck verify-audit [--public-key aircheck-signing.key.pub]");
            return 2;
        }
        S3Settings s3;
        try {
            EnvReader reader = new EnvReader(env);
            s3 = S3Settings.read(reader);
            reader.validate("verify-audit");
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        try (S3ObjectStore store = S3ObjectStore.connect(s3)) {
            AuditVerification v = AuditArchive.verify(store, key);
            v.notes().forEach(n -> out.println("note: " + n));
            if (v.ok()) {
                out.printf(
                        "OK  audit trail in bucket %s: %d batches, %d entries, %s%n",
                        s3.bucket(),
                        v.batches(),
                        v.entries(),
                        v.signaturesChecked()
                                ? "every signature valid (key " + key.keyId() + ")"
                                : "chain intact");
                return 0;
            }
            out.printf(
                    "FAILED  audit trail in bucket %s: %d problem(s) in %d batches%n",
                    s3.bucket(), v.problems().size(), v.batches());
            v.problems().forEach(p -> out.println("  " + p));
            return 1;
        } catch (RuntimeException e) {
            err.println("verify-audit failed: " + e.getMessage());
            return 1;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }
}
