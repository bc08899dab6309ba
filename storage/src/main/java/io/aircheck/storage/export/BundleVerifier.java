package io.aircheck.storage.export;

import io.aircheck.storage.export.VerificationReport.Problem;
import io.aircheck.storage.manifest.Manifest;
import io.aircheck.storage.manifest.ManifestEntry;
import io.aircheck.storage.manifest.ManifestJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a bundle offline with the operator's public key, reading it once as a stream: the
 * manifest's signature; every file's size and sha256 against the manifest; every byte outside the
 * files (tar headers, padding, the end of the archive) against what the writer produces for that
 * manifest, so a changed byte anywhere is found and blamed on the file it belongs to; and each
 * session's recorder manifest: its hash chain, its head, and each file against the sha256 the
 * recorder wrote at the time.
 */
public final class BundleVerifier {
    private final SigningKeys.Verifier key;

    public BundleVerifier(SigningKeys.Verifier key) {
        this.key = key;
    }

    public VerificationReport verify(InputStream bundle) throws IOException {
        TarScan.Result scan =
                TarScan.scan(
                        bundle,
                        name ->
                                name.endsWith("/" + BundleManifest.MANIFEST_NAME)
                                        || name.endsWith("/" + BundleManifest.SIGNATURE_NAME)
                                        || name.endsWith("/manifest.json"));
        List<Problem> problems = new ArrayList<>();
        List<TarScan.Entry> entries = scan.entries();
        TarScan.Entry manifestEntry = find(entries, "/" + BundleManifest.MANIFEST_NAME);
        TarScan.Entry signatureEntry = find(entries, "/" + BundleManifest.SIGNATURE_NAME);
        if (manifestEntry == null || manifestEntry.content() == null) {
            problems.add(new Problem(BundleManifest.MANIFEST_NAME, "missing or unreadable"));
            structuralOnly(entries, scan, problems);
            return new VerificationReport(null, null, key.keyId(), 0, 0, problems);
        }
        if (signatureEntry == null || signatureEntry.content() == null) {
            problems.add(new Problem(BundleManifest.SIGNATURE_NAME, "missing or unreadable"));
        } else {
            BundleSignature.Check check =
                    BundleSignature.check(key, manifestEntry.content(), signatureEntry.content());
            if (!check.valid()) {
                problems.add(new Problem(check.blame(), check.reason()));
            }
        }
        BundleManifest manifest;
        try {
            manifest = BundleManifestJson.read(manifestEntry.content());
        } catch (IllegalArgumentException e) {
            problems.add(
                    new Problem(BundleManifest.MANIFEST_NAME, "cannot be read: " + e.getMessage()));
            structuralOnly(entries, scan, problems);
            return new VerificationReport(null, null, key.keyId(), 0, 0, problems);
        }
        long bytes = checkEntries(manifest, entries, manifestEntry, signatureEntry, problems);
        if (scan.endProblem() != null) {
            problems.add(new Problem(VerificationReport.END_OF_ARCHIVE, scan.endProblem()));
        }
        checkRecorder(manifest, entries, problems);
        return new VerificationReport(
                manifest.exportId(),
                manifest.caseReference(),
                manifest.keyId(),
                manifest.files().size(),
                bytes,
                dedupe(problems));
    }

    private long checkEntries(
            BundleManifest manifest,
            List<TarScan.Entry> entries,
            TarScan.Entry manifestEntry,
            TarScan.Entry signatureEntry,
            List<Problem> problems) {
        List<String> paths = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        manifest.files()
                .forEach(
                        f -> {
                            paths.add(f.path());
                            sizes.add(f.sizeBytes());
                        });
        paths.add(BundleManifest.MANIFEST_NAME);
        sizes.add((long) manifestEntry.content().length);
        paths.add(BundleManifest.SIGNATURE_NAME);
        sizes.add(
                signatureEntry == null || signatureEntry.content() == null
                        ? -1L
                        : signatureEntry.content().length);
        long bytes = 0;
        for (int i = 0; i < Math.max(paths.size(), entries.size()); i++) {
            if (i >= paths.size()) {
                TarScan.Entry extra = entries.get(i);
                problems.add(
                        new Problem(
                                extra.damaged() && i == paths.size()
                                        ? VerificationReport.END_OF_ARCHIVE
                                        : extra.name(),
                                extra.damaged()
                                        ? "damaged bytes at offset "
                                                + extra.offset()
                                                + " after the last file"
                                        : "a file the manifest does not list"));
                continue;
            }
            String path = paths.get(i);
            if (i >= entries.size()) {
                problems.add(new Problem(path, "missing from the bundle"));
                continue;
            }
            TarScan.Entry e = entries.get(i);
            String expectedName = manifest.entryName(path);
            if (e.damaged()) {
                problems.add(
                        new Problem(
                                path,
                                "its tar header at offset "
                                        + e.offset()
                                        + " is damaged (checksum or format)"));
                continue;
            }
            if (!e.name().equals(expectedName)) {
                problems.add(new Problem(path, "entry " + i + " is '" + e.name() + "' instead"));
                continue;
            }
            long size = sizes.get(i);
            if (size >= 0
                    && !Arrays.equals(
                            e.header(),
                            TarHeaders.header(expectedName, size, manifest.mtimeSeconds()))) {
                problems.add(
                        new Problem(
                                path, "its tar header at offset " + e.offset() + " was altered"));
            }
            if (!e.paddingClean()) {
                problems.add(new Problem(path, "the padding after it was altered"));
            }
            if (i < manifest.files().size()) {
                BundleFile file = manifest.files().get(i);
                if (e.size() != file.sizeBytes()) {
                    problems.add(
                            new Problem(
                                    path,
                                    "has "
                                            + e.size()
                                            + " bytes, the manifest lists "
                                            + file.sizeBytes()));
                } else if (!file.sha256().equals(e.sha256())) {
                    problems.add(
                            new Problem(
                                    path,
                                    "content altered: sha256 "
                                            + e.sha256()
                                            + ", the manifest lists "
                                            + file.sha256()));
                }
                bytes += e.size();
            }
        }
        return bytes;
    }

    /** Without a readable manifest: blame what can be blamed by position and name. */
    private static void structuralOnly(
            List<TarScan.Entry> entries, TarScan.Result scan, List<Problem> problems) {
        for (TarScan.Entry e : entries) {
            if (e.damaged()) {
                problems.add(
                        new Problem(
                                e.name(),
                                "its tar header at offset " + e.offset() + " is damaged"));
            } else if (!e.paddingClean()) {
                problems.add(new Problem(e.name(), "the padding after it was altered"));
            }
        }
        if (scan.endProblem() != null) {
            problems.add(new Problem(VerificationReport.END_OF_ARCHIVE, scan.endProblem()));
        }
    }

    private void checkRecorder(
            BundleManifest manifest, List<TarScan.Entry> entries, List<Problem> problems) {
        Map<String, TarScan.Entry> byName = new HashMap<>();
        entries.forEach(e -> byName.putIfAbsent(e.name(), e));
        Map<String, ManifestEntry> recorded = new HashMap<>();
        for (BundleSession session : manifest.sessions()) {
            String where = session.roomId() + "/" + session.sessionId();
            session.missing()
                    .forEach(
                            key ->
                                    problems.add(
                                            new Problem(
                                                    key,
                                                    "listed by the recorder's manifest of "
                                                            + where
                                                            + " but missing from the archive")));
            session.recorderProblems()
                    .forEach(
                            p ->
                                    problems.add(
                                            new Problem(
                                                    session.recorderManifest() == null
                                                            ? where
                                                            : session.recorderManifest(),
                                                    "the recorder's hash chain was broken when exported: "
                                                            + p)));
            if (session.recorderManifest() == null) {
                continue;
            }
            TarScan.Entry entry = byName.get(manifest.entryName(session.recorderManifest()));
            if (entry == null || entry.content() == null) {
                continue; // reported as missing or damaged above
            }
            Manifest recorder;
            try {
                recorder = ManifestJson.read(new String(entry.content(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                problems.add(
                        new Problem(
                                session.recorderManifest(),
                                "the recorder's manifest cannot be read: " + e.getMessage()));
                continue;
            }
            recorder.verify()
                    .forEach(
                            p ->
                                    problems.add(
                                            new Problem(
                                                    session.recorderManifest(),
                                                    "the recorder's hash chain is broken: " + p)));
            if (!recorder.head().equals(session.recorderHead())) {
                problems.add(
                        new Problem(
                                session.recorderManifest(),
                                "its chain head "
                                        + recorder.head()
                                        + " is not the head the bundle manifest records ("
                                        + session.recorderHead()
                                        + ")"));
            }
            recorder.entries().forEach(e -> recorded.put(e.key(), e));
        }
        for (BundleFile file : manifest.files()) {
            if (file.recorderSha256() == null) {
                continue;
            }
            ManifestEntry entry = recorded.get(file.path());
            if (entry != null && !entry.sha256().equals(file.recorderSha256())) {
                problems.add(
                        new Problem(
                                file.path(),
                                "the bundle manifest's recorder hash "
                                        + file.recorderSha256()
                                        + " is not the recorder manifest's "
                                        + entry.sha256()));
            }
            if (!file.recorderSha256().equals(file.sha256())) {
                problems.add(
                        new Problem(
                                file.path(),
                                "differs from what the recorder wrote: sha256 "
                                        + file.sha256()
                                        + ", the recorder's manifest lists "
                                        + file.recorderSha256()));
            }
        }
    }

    private static TarScan.Entry find(List<TarScan.Entry> entries, String suffix) {
        for (TarScan.Entry e : entries) {
            if (!e.damaged()
                    && e.name().endsWith(suffix)
                    && e.name().indexOf('/') == e.name().length() - suffix.length()) {
                return e;
            }
        }
        return null;
    }

    private static List<Problem> dedupe(List<Problem> problems) {
        return problems.stream().distinct().toList();
    }
}
