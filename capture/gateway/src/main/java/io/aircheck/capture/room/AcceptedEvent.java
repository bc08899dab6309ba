package io.aircheck.capture.room;

/** What a source learns about an event the gateway accepted (also answered to a repeat of it). */
public record AcceptedEvent(String eventId, String roomId, String sessionId, long timestampUs) {}
