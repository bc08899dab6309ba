package io.aircheck.api.search;

/** One recognised word, on the room clock (epoch milliseconds). */
public record Word(String text, long startMs, long endMs, double confidence) {}
