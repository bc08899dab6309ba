package io.aircheck.storage.export;

import io.aircheck.protocol.Ids;
import java.time.Instant;
import java.util.Objects;

/**
 * What an auditor asked for: one room session, or every session a participant spoke in within a
 * time range (optionally in one room).
 *
 * @param kind {@code session} or {@code participant}
 */
public record ExportScope(
        String kind,
        String roomId,
        String sessionId,
        String participantId,
        Instant from,
        Instant until) {
    public static final String SESSION = "session";
    public static final String PARTICIPANT = "participant";

    public ExportScope {
        Objects.requireNonNull(kind, "kind");
        if (kind.equals(SESSION)) {
            Ids.require("room id", roomId);
            Ids.require("session id", sessionId);
            if (participantId != null || from != null || until != null) {
                throw new IllegalArgumentException(
                        "a session export takes a room and a session, nothing else");
            }
        } else if (kind.equals(PARTICIPANT)) {
            Ids.require("participant id", participantId);
            if (roomId != null) {
                Ids.require("room id", roomId);
            }
            if (sessionId != null) {
                throw new IllegalArgumentException(
                        "a participant export covers every session in its time range; name no session");
            }
            if (from == null || until == null || !from.isBefore(until)) {
                throw new IllegalArgumentException(
                        "a participant export needs a time range: from before until");
            }
        } else {
            throw new IllegalArgumentException("export scope is session or participant: " + kind);
        }
    }

    public static ExportScope session(String roomId, String sessionId) {
        return new ExportScope(SESSION, roomId, sessionId, null, null, null);
    }

    public static ExportScope participant(
            String participantId, String roomId, Instant from, Instant until) {
        return new ExportScope(PARTICIPANT, roomId, null, participantId, from, until);
    }

    /** One line for people: e.g. "session demo/20261125T202323421Z". */
    public String describe() {
        if (kind.equals(SESSION)) {
            return "session " + roomId + "/" + sessionId;
        }
        return "participant "
                + participantId
                + (roomId == null ? "" : " in room " + roomId)
                + " from "
                + from
                + " until "
                + until;
    }
}
