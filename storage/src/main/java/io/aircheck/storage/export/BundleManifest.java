package io.aircheck.storage.export;

import io.aircheck.protocol.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The bundle's own manifest: who asked for what under which case reference, when, the sessions it
 * holds tied to the recorder's manifests, and every file with size, duration and sha256. Signed
 * with the operator's Ed25519 key ({@link BundleSignature}); serialised by {@link
 * BundleManifestJson}. Pure.
 *
 * @param root the folder every path of the bundle sits in, e.g. {@code aircheck-export-x1}
 * @param keyId the id of the key that signs it ({@link SigningKeys#keyId})
 */
public record BundleManifest(
        String exportId,
        String caseReference,
        String requestedBy,
        Instant createdAt,
        ExportScope scope,
        String keyId,
        List<BundleSession> sessions,
        List<BundleFile> files) {

    public static final String FORMAT = "aircheck-bundle/1";
    public static final String MANIFEST_NAME = "bundle-manifest.json";
    public static final String SIGNATURE_NAME = "bundle-manifest.json.sig";

    public BundleManifest {
        Ids.require("export id", exportId);
        CaseReference.require(caseReference);
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(keyId, "keyId");
        sessions = List.copyOf(sessions);
        files = List.copyOf(files);
        if (files.stream().map(BundleFile::path).distinct().count() != files.size()) {
            throw new IllegalArgumentException("a bundle lists a path twice");
        }
    }

    public String root() {
        return "aircheck-export-" + exportId;
    }

    /** The tar entry name of a file's path. */
    public String entryName(String path) {
        return root() + "/" + path;
    }

    /** Tar headers carry whole seconds. */
    public long mtimeSeconds() {
        return createdAt.getEpochSecond();
    }

    public long contentBytes() {
        return files.stream().mapToLong(BundleFile::sizeBytes).sum();
    }
}
