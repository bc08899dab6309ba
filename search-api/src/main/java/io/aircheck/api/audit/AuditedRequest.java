package io.aircheck.api.audit;

import io.aircheck.storage.audit.AuditRecord;
import java.util.Map;
import java.util.UUID;

/**
 * What an API request was, as the audit trail records it: who (the caller's name and role, and how
 * they were identified), which route, with what outcome, under which case reference, from where.
 * {@link #toRecord} maps the route to the action (search, play, download, export, read, role
 * change, legal hold, audit query). Pure.
 *
 * @param template the matched route, e.g. {@code
 *     /api/rooms/{roomId}/sessions/{sessionId}/recording.opus}
 * @param credential key, token, anonymous or invalid
 */
public record AuditedRequest(
        long atMs,
        String method,
        String template,
        String path,
        Map<String, String> query,
        int status,
        String actor,
        String role,
        String credential,
        String caseReference,
        String origin,
        String userAgent,
        String service,
        String detail,
        Map<String, String> about) {

    public AuditRecord toRecord() {
        Map<String, String> params = RouteTemplate.params(template, path);
        if (params.isEmpty()) {
            params = RouteTemplate.sessionOf(path);
        }
        if (about != null) {
            about.forEach(params::putIfAbsent);
        }
        String action = action();
        return new AuditRecord(
                UUID.randomUUID().toString(),
                atMs,
                actor,
                role,
                credential,
                action,
                status < 400 ? "ok" : status == 401 || status == 403 ? "denied" : "failed",
                status,
                caseReference,
                origin,
                service,
                params.getOrDefault("roomId", query.getOrDefault("room", "")),
                params.getOrDefault("sessionId", query.getOrDefault("session", "")),
                params.getOrDefault("participantId", query.getOrDefault("participant", "")),
                method + " " + path,
                detail != null && !detail.isEmpty() ? detail : describeQuery(),
                userAgent);
    }

    /** The audit action of a route: what the caller did, in the trail's words. */
    String action() {
        // the path, not only the matched route: a request refused before routing (a bad key) has
        // none
        String t = template == null ? RouteTemplate.shape(path) : template;
        if (t.equals("/api/search")) {
            return "search";
        }
        if (t.equals("/api/export") || t.startsWith("/api/exports")) {
            return "export";
        }
        if ("HEAD".equals(method)) {
            return "read";
        }
        if (t.endsWith("/recording.opus") || t.endsWith("/recording.m4a")) {
            return query.containsKey("download") ? "download" : "play";
        }
        if (t.endsWith("/hls/{file}")) {
            return "play";
        }
        if (t.equals("/api/admin/tokens")) {
            return "role_change";
        }
        if (t.startsWith("/api/holds")) {
            return "legal_hold";
        }
        if (t.startsWith("/api/audit")) {
            return "audit_query";
        }
        return "read";
    }

    private String describeQuery() {
        StringBuilder out = new StringBuilder();
        query.entrySet().stream()
                .filter(e -> !e.getKey().equals("access_token"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(
                        e ->
                                out.append(out.length() == 0 ? "" : "&")
                                        .append(e.getKey())
                                        .append('=')
                                        .append(e.getValue()));
        return out.length() > 2000 ? out.substring(0, 2000) + "…" : out.toString();
    }
}
