package io.aircheck.jobs.consent;

/** A speaker's archived track: its key, whose it is, and where it starts on the room clock. */
public record TrackRef(String key, String participantId, long startUs, long durationUs) {}
