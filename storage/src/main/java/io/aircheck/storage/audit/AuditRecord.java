package io.aircheck.storage.audit;

import io.aircheck.protocol.v1.AuditAction;
import io.aircheck.protocol.v1.AuditEvent;
import io.aircheck.protocol.v1.AuditOutcome;
import io.aircheck.storage.CanonicalJson;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the audit trail: an {@code archive.audit} event as plain data (who, what, when,
 * which case reference, from where). Actions and outcomes are lower-case words ({@code search},
 * {@code play}, {@code download}, {@code export}, {@code delete}, {@code role_change}, {@code
 * read}, {@code legal_hold}, {@code audit_query}; {@code ok}, {@code denied}, {@code failed}).
 * Empty strings for what an event does not name. Pure.
 */
public record AuditRecord(
        String eventId,
        long atMs,
        String actor,
        String actorRole,
        String credential,
        String action,
        String outcome,
        int status,
        String caseReference,
        String origin,
        String service,
        String roomId,
        String sessionId,
        String participantId,
        String resource,
        String detail,
        String userAgent) {

    public AuditRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        actorRole = orEmpty(actorRole);
        credential = orEmpty(credential);
        caseReference = orEmpty(caseReference);
        origin = orEmpty(origin);
        service = orEmpty(service);
        roomId = orEmpty(roomId);
        sessionId = orEmpty(sessionId);
        participantId = orEmpty(participantId);
        resource = orEmpty(resource);
        detail = orEmpty(detail);
        userAgent = orEmpty(userAgent);
    }

    public static AuditRecord of(AuditEvent e) {
        return new AuditRecord(
                e.getEventId(),
                e.getAtMs(),
                e.getActor(),
                e.getActorRole(),
                e.getCredential(),
                word(e.getAction().name(), "ACTION_"),
                word(e.getOutcome().name(), "OUTCOME_"),
                e.getStatus(),
                e.getCaseReference(),
                e.getOrigin(),
                e.getService(),
                e.getRoomId(),
                e.getSessionId(),
                e.getParticipantId(),
                e.getResource(),
                e.getDetail(),
                e.getUserAgent());
    }

    public AuditEvent toEvent() {
        return AuditEvent.newBuilder()
                .setEventId(eventId)
                .setAtMs(atMs)
                .setActor(actor)
                .setActorRole(actorRole)
                .setCredential(credential)
                .setAction(AuditAction.valueOf("ACTION_" + action.toUpperCase(Locale.ROOT)))
                .setOutcome(AuditOutcome.valueOf("OUTCOME_" + outcome.toUpperCase(Locale.ROOT)))
                .setStatus(status)
                .setCaseReference(caseReference)
                .setOrigin(origin)
                .setService(service)
                .setRoomId(roomId)
                .setSessionId(sessionId)
                .setParticipantId(participantId)
                .setResource(resource)
                .setDetail(detail)
                .setUserAgent(userAgent)
                .build();
    }

    /** The record as one line of canonical JSON (fields in declaration order). */
    public String canonical() {
        return new CanonicalJson()
                .field("eventId", eventId)
                .field("atMs", atMs)
                .field("actor", actor)
                .field("actorRole", actorRole)
                .field("credential", credential)
                .field("action", action)
                .field("outcome", outcome)
                .field("status", (long) status)
                .field("caseReference", caseReference)
                .field("origin", origin)
                .field("service", service)
                .field("roomId", roomId)
                .field("sessionId", sessionId)
                .field("participantId", participantId)
                .field("resource", resource)
                .field("detail", detail)
                .field("userAgent", userAgent)
                .toString();
    }

    private static String word(String enumName, String prefix) {
        String name = enumName.startsWith(prefix) ? enumName.substring(prefix.length()) : enumName;
        return name.toLowerCase(Locale.ROOT);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
