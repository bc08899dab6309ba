package io.aircheck.jobs.transcriber.testing;

/**
 * One line of a test script: {@code text} said by espeak-ng voice {@code voice} at {@code wpm}
 * words per minute, starting {@code atSeconds} into the room.
 */
public record SpokenLine(String text, String voice, int wpm, double atSeconds) {}
