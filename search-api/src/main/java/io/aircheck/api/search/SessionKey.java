package io.aircheck.api.search;

/** A room session: its room id and session id. */
public record SessionKey(String roomId, String sessionId) {}
