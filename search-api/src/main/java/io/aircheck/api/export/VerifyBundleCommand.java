package io.aircheck.api.export;

import io.aircheck.storage.export.BundleVerifier;
import io.aircheck.storage.export.SigningKeys;
import io.aircheck.storage.export.VerificationReport;
import io.aircheck.storage.signing.SigningKeyFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code aircheck verify <bundle.tar> --public-key <file.pub>}: checks an export bundle offline (no
 * server, no network): the manifest's signature, every file's size and sha256, every byte of the
 * tar around them, and each session's recorder manifest and hash chain. Exit 0 when the bundle is
 * exactly what was signed and matches what the recorder wrote, 1 with one line per problem naming
 * the file, 2 on bad usage.
 */
public final class VerifyBundleCommand {
    private VerifyBundleCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path bundle = null;
        Path key = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--public-key") && i + 1 < args.length) {
                key = Path.of(args[++i]);
            } else if (!args[i].startsWith("-") && bundle == null) {
                bundle = Path.of(args[i]);
            } else {
                bundle = null;
                break;
            }
        }
        if (bundle == null || key == null) {
            err.println(
                    "usage: aircheck verify <bundle.tar> --public-key <aircheck-signing.key.pub>");
            return 2;
        }
        SigningKeys.Verifier verifier;
        try {
            verifier = SigningKeyFile.readPublic(key);
        } catch (IllegalArgumentException e) {
            err.println("cannot use the public key: " + e.getMessage());
            return 2;
        }
        VerificationReport report;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(bundle), 1 << 16)) {
            report = new BundleVerifier(verifier).verify(in);
        } catch (IOException e) {
            err.println("cannot read " + bundle + ": " + e.getMessage());
            return 2;
        }
        if (report.ok()) {
            out.printf(
                    "OK  %s: export %s for case %s, %d files, %d bytes, signed by key %s; every file matches the recorder's manifest%n",
                    bundle.getFileName(),
                    report.exportId(),
                    report.caseReference(),
                    report.filesChecked(),
                    report.bytesChecked(),
                    report.keyId());
            return 0;
        }
        out.printf("FAILED  %s: %d problem(s)%n", bundle.getFileName(), report.problems().size());
        report.problems().forEach(p -> out.println("  " + p));
        return 1;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }
}
