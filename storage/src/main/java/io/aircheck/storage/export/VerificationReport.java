package io.aircheck.storage.export;

import java.util.List;

/**
 * What a bundle verification found: every problem names the file it is about (a path of the bundle,
 * {@code bundle-manifest.json}, {@code bundle-manifest.json.sig} or {@code (end of archive)}) and
 * says what is wrong. No problems = the bundle is exactly what was signed, and every file the
 * recorder's manifest lists matches what the recorder wrote.
 */
public record VerificationReport(
        String exportId,
        String caseReference,
        String keyId,
        int filesChecked,
        long bytesChecked,
        List<Problem> problems) {

    public static final String END_OF_ARCHIVE = "(end of archive)";

    public record Problem(String file, String what) {
        @Override
        public String toString() {
            return file + ": " + what;
        }
    }

    public VerificationReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The files named by problems, in order, once each. */
    public List<String> filesWithProblems() {
        return problems.stream().map(Problem::file).distinct().toList();
    }
}
