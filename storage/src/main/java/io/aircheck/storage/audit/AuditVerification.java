package io.aircheck.storage.audit;

import java.util.List;

/**
 * What verifying the archived audit trail found: each problem names the object (a batch key, or the
 * head) and says what is wrong, e.g. which entry was altered or which offsets are missing. Notes
 * are facts that are not failures (e.g. signatures not checked because no key was given).
 */
public record AuditVerification(
        long batches,
        long entries,
        boolean signaturesChecked,
        List<Problem> problems,
        List<String> notes) {

    public record Problem(String object, String what) {
        @Override
        public String toString() {
            return object + ": " + what;
        }
    }

    public AuditVerification {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
