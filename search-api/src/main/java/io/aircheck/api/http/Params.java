package io.aircheck.api.http;

import io.aircheck.api.ApiException;
import io.aircheck.protocol.Ids;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/**
 * Reads query and path parameters strictly: unknown parameters, malformed numbers and booleans, and
 * invalid ids are a 400 that names the parameter and says what is expected.
 */
final class Params {
    private final Context ctx;

    Params(Context ctx, Set<String> known) {
        this.ctx = ctx;
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest(
                        "unknown parameter '"
                                + name
                                + "'; this endpoint takes "
                                + String.join(
                                        ", ",
                                        known.stream()
                                                .filter(n -> !n.equals("access_token"))
                                                .sorted()
                                                .toList()));
            }
        }
    }

    Boolean optionalBoolean(String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                    throw ApiException.badRequest(
                            "parameter '" + name + "' must be true or false, not '" + value + "'");
        };
    }

    int intOr(String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    "parameter '" + name + "' must be a whole number, not '" + value + "'");
        }
    }

    String optionalId(String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!Ids.isValid(value)) {
            throw ApiException.badRequest(
                    "parameter '" + name + "' is not a valid id (" + Ids.RULE + ")");
        }
        return value;
    }

    static String pathId(Context ctx, String name) {
        String value = ctx.pathParam(name);
        if (!Ids.isValid(value)) {
            throw ApiException.badRequest(
                    "'" + value + "' is not a valid " + name + " (" + Ids.RULE + ")");
        }
        return value;
    }

    /** Free text (e.g. a speaker's name): trimmed, at most {@code max} characters. */
    String optionalText(String name, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw ApiException.badRequest(
                    "parameter '" + name + "' is longer than " + max + " characters");
        }
        return value.trim();
    }

    /**
     * A point in time: an ISO-8601 instant ({@code 2026-11-20T10:00:00Z}) or a date ({@code
     * 2026-11-20}, its start in UTC).
     */
    java.time.Instant optionalInstant(String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                return java.time.LocalDate.parse(v)
                        .atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant();
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest(
                    "parameter '"
                            + name
                            + "' must be a date (2026-11-20) or an ISO-8601 time with a zone (2026-11-20T10:00:00Z), not '"
                            + value
                            + "'");
        }
    }

    String raw(String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }
}
