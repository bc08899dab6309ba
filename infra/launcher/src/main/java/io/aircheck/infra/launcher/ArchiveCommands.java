package io.aircheck.infra.launcher;

import io.aircheck.api.audit.VerifyAuditCommand;
import io.aircheck.api.export.ExportCommand;
import io.aircheck.api.export.KeygenCommand;
import io.aircheck.api.export.VerifyBundleCommand;
import io.aircheck.api.retention.RetentionCommand;
import java.io.PrintStream;
import java.util.Map;

/**
 * The auditors' and operators' commands of {@code aircheck}: {@code keygen}, {@code export}, {@code
 * verify}, {@code verify-audit} and {@code retention}.
 */
final class ArchiveCommands {
    static final String USAGE =
            """
              keygen [file]          make the Ed25519 key pair that signs exports and audit batches
              export --api URL --key KEY --case REF (--room R --session S | --participant P --from D --until D) --out FILE
                                     an auditor's export: progress, resumable download, optional --public-key check
              verify BUNDLE --public-key FILE.pub
                                     check an export bundle offline; names the file of any changed byte
              verify-audit [--public-key FILE.pub]
                                     check the audit trail archived in the bucket
              retention [--dry-run]  delete what has expired and is on no legal hold (AIRCHECK_RETENTION_TIERS)""";

    private ArchiveCommands() {}

    /** The command's exit code, or null when {@code command} is not one of these. */
    static Integer run(
            String command,
            String[] args,
            Map<String, String> env,
            PrintStream out,
            PrintStream err) {
        return switch (command) {
            case "keygen" -> KeygenCommand.run(args, out, err);
            case "export" -> ExportCommand.run(args, out, err);
            case "verify" -> VerifyBundleCommand.run(args, out, err);
            case "verify-audit" -> VerifyAuditCommand.run(args, env, out, err);
            case "retention" -> RetentionCommand.run(args, env, out, err);
            default -> null;
        };
    }
}
