package io.aircheck.storage.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.testing.MemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export then verify; every byte of a bundle is covered by verification and blamed on its file. */
class BundleTest {
    private static final SigningKeys.Signer KEY = SigningKeys.generate();

    private static BundlePreparer.Prepared prepare(
            MemoryObjectStore store, String exportId, String room, String session) {
        return new BundlePreparer(store, KEY)
                .prepare(
                        SessionFixture.request(exportId, room, session),
                        BundlePreparer.Progress.NONE);
    }

    private static byte[] bytes(MemoryObjectStore store, BundlePreparer.Prepared prepared)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BundleWriter(prepared.layout(), store::open).write(out, BundleWriter.Progress.NONE);
        return out.toByteArray();
    }

    private static VerificationReport verify(byte[] bundle) throws Exception {
        return new BundleVerifier(KEY.verifier()).verify(new ByteArrayInputStream(bundle));
    }

    @Test
    void anExportVerifiesAndListsEveryFileWithSizeDurationAndHash() throws Exception {
        MemoryObjectStore store = SessionFixture.store();
        List<String> keys = SessionFixture.write(store, "room-1", "s1", 3000);
        BundlePreparer.Prepared prepared = prepare(store, "x1", "room-1", "s1");
        byte[] bundle = bytes(store, prepared);

        assertThat(bundle.length).isEqualTo(prepared.layout().length());
        VerificationReport report = verify(bundle);
        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.filesChecked()).isEqualTo(keys.size());
        assertThat(report.caseReference()).isEqualTo("CASE-2026-0042");

        Map<String, BundleFile> files =
                prepared.manifest().files().stream()
                        .collect(Collectors.toMap(BundleFile::path, f -> f));
        assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        BundleFile master = files.get(ObjectKeys.mixMaster("room-1", "s1", MasterFormat.OPUS));
        assertThat(master.durationUs()).isEqualTo(12_500_000L);
        assertThat(master.sha256()).isEqualTo(MemoryObjectStore.sha256(store.get(master.path())));
        assertThat(master.matchesRecorder()).isTrue();
        assertThat(files.get(ObjectKeys.mixMaster("room-1", "s1", MasterFormat.M4A)).durationUs())
                .isEqualTo(12_521_000L);
        assertThat(files.get(ObjectKeys.track("room-1", "s1", "alice", "opus")).durationUs())
                .isEqualTo(7_250_000L);
        assertThat(files.get(ObjectKeys.transcript("room-1", "s1", "vtt")).durationUs()).isNull();
        assertThat(files.get(ObjectKeys.eventLog("room-1", "s1")).matchesRecorder()).isNull();
        assertThat(prepared.manifest().files().get(0).kind()).isEqualTo("master");
        BundleSession session = prepared.manifest().sessions().get(0);
        assertThat(session.recorderHead()).matches("[0-9a-f]{64}");
        assertThat(session.recorderProblems()).isEmpty();
        assertThat(session.missing()).isEmpty();
        // what a bundle leaves out
        assertThat(files.keySet())
                .noneMatch(k -> k.contains("seg-") || k.contains("work/") || k.endsWith(".m3u8"));
    }

    @Test
    void theSameExportGivesTheSameBytesAndAnyRangeIsThoseBytes() throws Exception {
        MemoryObjectStore store = SessionFixture.store();
        SessionFixture.write(store, "room-1", "s1", 2000);
        BundlePreparer.Prepared first = prepare(store, "x2", "room-1", "s1");
        byte[] whole = bytes(store, first);
        BundlePreparer.Prepared again = prepare(store, "x2", "room-1", "s1");
        // Ed25519 signatures are deterministic (RFC 8032): same manifest, same signature
        assertThat(bytes(store, again)).isEqualTo(whole);
        BundleWriter writer = new BundleWriter(first.layout(), store::open);
        for (long[] range :
                new long[][] {
                    {0, 1}, {100, 5000}, {511, 513}, {whole.length - 1500, whole.length}
                }) {
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            writer.write(part, range[0], range[1], BundleWriter.Progress.NONE);
            assertThat(part.toByteArray())
                    .isEqualTo(java.util.Arrays.copyOfRange(whole, (int) range[0], (int) range[1]));
        }
    }

    /**
     * Flips bytes all over a bundle: every byte of a tar header (each field means something
     * different) and of the signature line, the first and last byte of every part (header, content,
     * padding, manifest, end of archive) and every 37th byte elsewhere (contents and the manifest
     * text, where any change alters a hash). {@code -Daircheck.flipEveryByte=true} flips every byte
     * (about a minute: the JDK's Ed25519 takes ~1 ms a verification).
     */
    @Test
    void flippingAByteAnywhereInTheBundleFailsVerificationAndNamesTheFile() throws Exception {
        MemoryObjectStore store = SessionFixture.store();
        SessionFixture.write(store, "r", "s", 300);
        BundlePreparer.Prepared prepared = prepare(store, "x3", "r", "s");
        byte[] bundle = bytes(store, prepared);
        BundleLayout layout = prepared.layout();
        String root = prepared.manifest().root() + "/";
        boolean every = Boolean.getBoolean("aircheck.flipEveryByte");
        java.util.BitSet flip = new java.util.BitSet(bundle.length);
        String firstEntry = layout.parts().get(0).entry();
        String signatureEntry = prepared.manifest().entryName(BundleManifest.SIGNATURE_NAME);
        for (BundleLayout.Part p : layout.parts()) {
            boolean whole =
                    (p.entry().equals(firstEntry) && p.offset() == 0)
                            || (p.entry().equals(signatureEntry)
                                    && p.length() < TarHeaders.BLOCK
                                    && p.bytes()[0] != 0);
            for (long at = p.offset(); at < p.end(); at++) {
                if (every || whole || at % 37 == 0 || at == p.offset() || at == p.end() - 1) {
                    flip.set((int) at);
                }
            }
        }
        List<String> unnamed = new ArrayList<>();
        for (int at = flip.nextSetBit(0); at >= 0; at = flip.nextSetBit(at + 1)) {
            byte[] copy = bundle.clone();
            copy[at] ^= 0x20;
            VerificationReport report = verify(copy);
            String expected = owner(layout, at, root);
            if (report.ok() || !report.filesWithProblems().contains(expected)) {
                unnamed.add("byte " + at + " (" + expected + "): " + report.problems());
            }
        }
        assertThat(flip.cardinality()).isGreaterThan(every ? bundle.length - 1 : 1000);
        assertThat(unnamed).as("flipped bytes not blamed on their file").isEmpty();
    }

    private static String owner(BundleLayout layout, long at, String root) {
        for (BundleLayout.Part p : layout.parts()) {
            if (at >= p.offset() && at < p.end()) {
                if (p.file() != null) {
                    return p.file().path();
                }
                return p.entry().startsWith(root)
                        ? p.entry().substring(root.length())
                        : VerificationReport.END_OF_ARCHIVE;
            }
        }
        throw new AssertionError("no part at " + at);
    }

    @Test
    void aFileAlteredInTheArchiveBeforeExportIsReportedAgainstTheRecordersManifest()
            throws Exception {
        MemoryObjectStore store = SessionFixture.store();
        SessionFixture.write(store, "room-1", "s1", 1000);
        String track = ObjectKeys.track("room-1", "s1", "bob", "opus");
        byte[] altered = store.get(track);
        altered[altered.length - 1] ^= 1;
        store.put(track, altered, "audio/ogg");
        store.delete(ObjectKeys.track("room-1", "s1", "alice", "opus"));
        BundlePreparer.Prepared prepared = prepare(store, "x4", "room-1", "s1");
        VerificationReport report = verify(bytes(store, prepared));
        assertThat(report.ok()).isFalse();
        assertThat(report.problems())
                .extracting(VerificationReport.Problem::toString)
                .anyMatch(p -> p.startsWith(track + ": differs from what the recorder wrote"))
                .anyMatch(
                        p ->
                                p.startsWith(
                                        ObjectKeys.track("room-1", "s1", "alice", "opus")
                                                + ": listed by the recorder's manifest"));
    }

    @Test
    void anotherKeyOrAnObjectChangedSinceThePreparationIsRefused() throws Exception {
        MemoryObjectStore store = SessionFixture.store();
        SessionFixture.write(store, "room-1", "s1", 1000);
        BundlePreparer.Prepared prepared = prepare(store, "x5", "room-1", "s1");
        byte[] bundle = bytes(store, prepared);
        VerificationReport other =
                new BundleVerifier(SigningKeys.generate().verifier())
                        .verify(new ByteArrayInputStream(bundle));
        assertThat(other.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.file()).isEqualTo(BundleManifest.SIGNATURE_NAME);
                            assertThat(p.what()).contains("not by the key given");
                        });
        String master = ObjectKeys.mixMaster("room-1", "s1", MasterFormat.OPUS);
        byte[] changed = store.get(master);
        changed[100] ^= 1;
        store.put(master, changed, "audio/ogg");
        assertThatThrownBy(() -> bytes(store, prepared))
                .isInstanceOf(BundleIntegrityException.class)
                .hasMessageContaining(master)
                .hasMessageContaining("changed since the export was prepared");
    }

    @Test
    void longPathsGoThroughPaxHeadersThatTarReads(@TempDir Path dir) throws Exception {
        String room = "r".repeat(120);
        String session = "s".repeat(120);
        MemoryObjectStore store = SessionFixture.store();
        SessionFixture.write(store, room, session, 700);
        BundlePreparer.Prepared prepared = prepare(store, "x6", room, session);
        byte[] bundle = bytes(store, prepared);
        assertThat(verify(bundle).problems()).isEmpty();
        Path file = dir.resolve("bundle.tar");
        Files.write(file, bundle);
        Process tar =
                new ProcessBuilder("tar", "-tf", file.toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(listing).isZero();
        assertThat(listing.lines().toList())
                .contains(
                        prepared.manifest()
                                .entryName(ObjectKeys.track(room, session, "alice", "opus")))
                .contains(prepared.manifest().entryName(BundleManifest.MANIFEST_NAME));
        Process extract =
                new ProcessBuilder("tar", "-xf", file.toString(), "-C", dir.toString())
                        .redirectErrorStream(true)
                        .start();
        assertThat(extract.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(
                        Files.readAllBytes(
                                dir.resolve(
                                        prepared.manifest()
                                                .entryName(
                                                        ObjectKeys.track(
                                                                room, session, "bob", "opus")))))
                .isEqualTo(store.get(ObjectKeys.track(room, session, "bob", "opus")));
    }
}
