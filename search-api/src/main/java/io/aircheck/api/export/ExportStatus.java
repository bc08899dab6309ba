package io.aircheck.api.export;

import java.time.Instant;
import java.util.List;

/**
 * Where an export stands: preparing (files read and hashed so far, of how many bytes), ready (the
 * bundle's size, files, manifest hash and signing key), or failed (why).
 */
public record ExportStatus(
        String exportId,
        String state,
        String caseReference,
        String requestedBy,
        Instant createdAt,
        String scope,
        List<String> sessions,
        long bytesHashed,
        long bytesTotal,
        long bundleBytes,
        int files,
        String manifestSha256,
        String keyId,
        List<String> findings,
        String error) {
    public static final String PREPARING = "preparing";
    public static final String READY = "ready";
    public static final String FAILED = "failed";
}
