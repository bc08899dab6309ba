package io.aircheck.jobs.timeline;

/**
 * A session's derived files, ready to write: {@code events.ndjson} (its event log in room-clock
 * order) and {@code timeline.json}; {@code complete} once the session is closed.
 */
public record SessionFiles(
        String roomId, String sessionId, byte[] eventLog, byte[] timeline, boolean complete) {}
