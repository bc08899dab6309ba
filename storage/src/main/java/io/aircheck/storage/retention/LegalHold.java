package io.aircheck.storage.retention;

import io.aircheck.protocol.Ids;
import io.aircheck.storage.CanonicalJson;
import io.aircheck.storage.export.CaseReference;
import io.aircheck.storage.layout.ObjectKeys;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A legal hold under a case reference, on one room session or on a participant (every session they
 * spoke in, optionally only in one room). While active, the objects it covers are never deleted or
 * overwritten, whatever their retention says. Releasing keeps the record (who, when). The
 * public-replay copies re-rendered after a consent withdrawal ({@code mix/public/}) are not
 * evidence and are not covered. Pure.
 *
 * @param scope {@code session} or {@code participant}
 */
public record LegalHold(
        String holdId,
        String caseReference,
        String scope,
        String roomId,
        String sessionId,
        String participantId,
        String reason,
        String placedBy,
        Instant placedAt,
        String releasedBy,
        Instant releasedAt) {
    public static final String SESSION = "session";
    public static final String PARTICIPANT = "participant";

    public LegalHold {
        Ids.require("hold id", holdId);
        CaseReference.require(caseReference);
        Objects.requireNonNull(placedBy, "placedBy");
        Objects.requireNonNull(placedAt, "placedAt");
        reason = reason == null ? "" : reason;
        if (SESSION.equals(scope)) {
            Ids.require("room id", roomId);
            Ids.require("session id", sessionId);
            if (participantId != null) {
                throw new IllegalArgumentException("a session hold names no participant");
            }
        } else if (PARTICIPANT.equals(scope)) {
            Ids.require("participant id", participantId);
            if (roomId != null) {
                Ids.require("room id", roomId);
            }
            if (sessionId != null) {
                throw new IllegalArgumentException(
                        "a participant hold covers all their sessions; name no session");
            }
        } else {
            throw new IllegalArgumentException(
                    "a hold is on a session or a participant, not '" + scope + "'");
        }
        if ((releasedBy == null) != (releasedAt == null)) {
            throw new IllegalArgumentException("a release names who and when");
        }
    }

    public static LegalHold onSession(
            String holdId,
            String caseReference,
            String roomId,
            String sessionId,
            String reason,
            String by,
            Instant at) {
        return new LegalHold(
                holdId,
                caseReference,
                SESSION,
                roomId,
                sessionId,
                null,
                reason,
                by,
                at,
                null,
                null);
    }

    public static LegalHold onParticipant(
            String holdId,
            String caseReference,
            String participantId,
            String roomId,
            String reason,
            String by,
            Instant at) {
        return new LegalHold(
                holdId,
                caseReference,
                PARTICIPANT,
                roomId,
                null,
                participantId,
                reason,
                by,
                at,
                null,
                null);
    }

    public boolean active() {
        return releasedAt == null;
    }

    public LegalHold released(String by, Instant at) {
        return new LegalHold(
                holdId,
                caseReference,
                scope,
                roomId,
                sessionId,
                participantId,
                reason,
                placedBy,
                placedAt,
                by,
                at);
    }

    /**
     * Whether the hold covers {@code key}, given the participants who spoke in the key's session
     * ({@link SessionParticipants}).
     */
    public boolean covers(String key, SessionParticipants participants) {
        if (!active()) {
            return false;
        }
        String[] parts = key.split("/");
        if (parts.length < 4 || !parts[0].equals("rooms")) {
            return false;
        }
        String room = parts[1];
        String session = parts[2];
        if (key.startsWith(ObjectKeys.session(room, session) + "mix/public/")) {
            return false;
        }
        if (scope.equals(SESSION)) {
            return room.equals(roomId) && session.equals(sessionId);
        }
        if (roomId != null && !roomId.equals(room)) {
            return false;
        }
        Set<String> spoke = participants.of(room, session);
        return spoke.contains(participantId);
    }

    /** One line for people, e.g. "hold h1 (CASE-7) on session r/s". */
    public String describe() {
        String on =
                scope.equals(SESSION)
                        ? "session " + roomId + "/" + sessionId
                        : "participant "
                                + participantId
                                + (roomId == null ? "" : " in room " + roomId);
        return "hold " + holdId + " (" + caseReference + ") on " + on;
    }

    public String toJson() {
        return new CanonicalJson()
                        .field("format", "aircheck-legal-hold/1")
                        .field("holdId", holdId)
                        .field("caseReference", caseReference)
                        .field("scope", scope)
                        .field("roomId", roomId)
                        .field("sessionId", sessionId)
                        .field("participantId", participantId)
                        .field("reason", reason)
                        .field("placedBy", placedBy)
                        .field("placedAt", placedAt.toString())
                        .field("releasedBy", releasedBy)
                        .field("releasedAt", releasedAt == null ? null : releasedAt.toString())
                        .toString()
                + "\n";
    }
}
