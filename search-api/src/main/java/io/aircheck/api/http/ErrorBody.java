package io.aircheck.api.http;

/** The one JSON shape of every error answer: a stable code and a sentence that says what to fix. */
public record ErrorBody(String error, String message) {}
