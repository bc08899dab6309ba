package io.aircheck.storage.export;

import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.manifest.Manifest;
import io.aircheck.storage.manifest.ManifestEntry;
import io.aircheck.storage.manifest.ManifestJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prepares a bundle: reads every file of the requested sessions from the archive once, streaming,
 * hashing it (and reading its audio duration) on the way; ties each file to the recorder's manifest
 * of its session (the sha256 the recorder wrote, the chain head, the chain's problems, what the
 * recorder listed that is missing); then writes and signs the bundle manifest. The bundle itself is
 * streamed later from the result ({@link BundleLayout}, {@link BundleWriter}).
 */
public final class BundlePreparer {

    /** Told how many bytes of how many have been read, and which file is being read. */
    @FunctionalInterface
    public interface Progress {
        void hashed(long bytesDone, long bytesTotal, String path);

        Progress NONE = (done, total, path) -> {};
    }

    /** A prepared bundle: its manifest, as bytes, and the signature of those bytes. */
    public record Prepared(BundleManifest manifest, byte[] manifestBytes, byte[] signatureBytes) {
        public BundleLayout layout() {
            return new BundleLayout(manifest, manifestBytes, signatureBytes);
        }
    }

    private final ObjectStore store;
    private final SigningKeys.Signer signer;

    public BundlePreparer(ObjectStore store, SigningKeys.Signer signer) {
        this.store = store;
        this.signer = signer;
    }

    public Prepared prepare(ExportRequest request, Progress progress) {
        record Listed(
                ExportRequest.Session session, List<ObjectInfo> objects, List<ObjectInfo> all) {}
        List<Listed> listed = new ArrayList<>();
        long total = 0;
        for (ExportRequest.Session s : request.sessions()) {
            List<ObjectInfo> all = store.list(ObjectKeys.session(s.roomId(), s.sessionId()));
            List<ObjectInfo> chosen = BundleContents.select(s.roomId(), s.sessionId(), all);
            total += chosen.stream().mapToLong(ObjectInfo::sizeBytes).sum();
            listed.add(new Listed(s, chosen, all));
        }
        List<BundleSession> sessions = new ArrayList<>();
        List<BundleFile> files = new ArrayList<>();
        long[] done = {0};
        for (Listed l : listed) {
            ExportRequest.Session s = l.session();
            RecorderRecord recorder = recorderRecord(s, l.all());
            sessions.add(
                    new BundleSession(
                            s.roomId(),
                            s.sessionId(),
                            recorder.manifest == null && recorder.problems.isEmpty()
                                    ? null
                                    : ObjectKeys.manifest(s.roomId(), s.sessionId()),
                            recorder.manifest == null ? null : recorder.manifest.head(),
                            recorder.problems,
                            recorder.missing));
            for (ObjectInfo object : l.objects()) {
                files.add(read(object, recorder, done, request, progress, total));
            }
        }
        BundleManifest manifest =
                new BundleManifest(
                        request.exportId(),
                        request.caseReference(),
                        request.requestedBy(),
                        request.createdAt(),
                        request.scope(),
                        signer.keyId(),
                        sessions,
                        files);
        byte[] bytes = BundleManifestJson.write(manifest);
        return new Prepared(manifest, bytes, BundleSignature.sign(signer, bytes));
    }

    private BundleFile read(
            ObjectInfo object,
            RecorderRecord recorder,
            long[] done,
            ExportRequest request,
            Progress progress,
            long total) {
        Optional<ManifestEntry> listed =
                recorder.manifest == null
                        ? Optional.empty()
                        : recorder.manifest.entry(object.key());
        String type =
                listed.map(ManifestEntry::contentType)
                        .orElseGet(() -> BundleContents.contentType(object.key()));
        DurationProbe probe = DurationProbe.forFile(object.key(), type);
        MessageDigest digest = Digests.sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        long before = done[0];
        try (InputStream in = store.open(object.key(), 0, -1)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                probe.update(buffer, 0, n);
                size += n;
                done[0] = before + Math.min(size, object.sizeBytes());
                progress.hashed(done[0], total, object.key());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "reading " + object.key() + " for export " + request.exportId(), e);
        }
        done[0] = before + object.sizeBytes();
        Long duration = probe.durationUs();
        if (duration == null && listed.isPresent() && listed.get().durationUs() > 0) {
            duration = listed.get().durationUs();
        }
        return new BundleFile(
                object.key(),
                BundleContents.kind(
                                sessionRoom(object.key()), sessionId(object.key()), object.key())
                        .orElseThrow(),
                type,
                size,
                duration,
                HexFormat.of().formatHex(digest.digest()),
                listed.map(ManifestEntry::sha256).orElse(null));
    }

    /**
     * What the recorder wrote of a session: its manifest, that manifest's problems, what is
     * missing.
     */
    private static final class RecorderRecord {
        Manifest manifest;
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
    }

    private RecorderRecord recorderRecord(ExportRequest.Session s, List<ObjectInfo> all) {
        RecorderRecord record = new RecorderRecord();
        String key = ObjectKeys.manifest(s.roomId(), s.sessionId());
        Map<String, ObjectInfo> byKey =
                all.stream().collect(Collectors.toMap(ObjectInfo::key, Function.identity()));
        if (!byKey.containsKey(key)) {
            return record;
        }
        try {
            record.manifest = ManifestJson.read(new String(store.get(key), StandardCharsets.UTF_8));
            record.problems.addAll(record.manifest.verify());
        } catch (IllegalArgumentException e) {
            record.problems.add("the manifest cannot be read: " + e.getMessage());
            return record;
        }
        Set<String> present = byKey.keySet();
        for (ManifestEntry e : record.manifest.entries()) {
            if (!present.contains(e.key())
                    && BundleContents.kind(s.roomId(), s.sessionId(), e.key()).isPresent()) {
                record.missing.add(e.key());
            }
        }
        return record;
    }

    private static String sessionRoom(String key) {
        return key.split("/")[1];
    }

    private static String sessionId(String key) {
        return key.split("/")[2];
    }
}
