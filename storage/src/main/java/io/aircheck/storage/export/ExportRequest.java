package io.aircheck.storage.export;

import io.aircheck.protocol.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An export as asked for: its id, the case reference, who asked (e.g. "ann (auditor)"), when, the
 * scope, and the room sessions the scope resolved to.
 */
public record ExportRequest(
        String exportId,
        String caseReference,
        String requestedBy,
        Instant createdAt,
        ExportScope scope,
        List<Session> sessions) {

    /** A room session to export. */
    public record Session(String roomId, String sessionId) {
        public Session {
            Ids.require("room id", roomId);
            Ids.require("session id", sessionId);
        }
    }

    public ExportRequest {
        Ids.require("export id", exportId);
        CaseReference.require(caseReference);
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(scope, "scope");
        sessions = List.copyOf(sessions);
        // tar headers carry whole seconds: the bundle's bytes depend only on the manifest
        createdAt = Instant.ofEpochSecond(createdAt.getEpochSecond());
    }
}
