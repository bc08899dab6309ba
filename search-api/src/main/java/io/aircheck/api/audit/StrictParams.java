package io.aircheck.api.audit;

import io.aircheck.api.ApiException;
import io.aircheck.protocol.Ids;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Query parameters of the auditors' endpoints, read strictly: an unknown parameter, a bad id, time
 * or number is a 400 naming the parameter and what it takes.
 */
public final class StrictParams {
    private final Context ctx;

    public StrictParams(Context ctx, Set<String> known) {
        this.ctx = ctx;
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name) && !name.equals("access_token")) {
                throw ApiException.badRequest(
                        "unknown parameter '"
                                + name
                                + "'; this endpoint takes "
                                + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    public String text(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public String id(String name) {
        String v = text(name);
        if (v != null && !Ids.isValid(v)) {
            throw ApiException.badRequest(
                    "parameter '" + name + "' is not a valid id (" + Ids.RULE + ")");
        }
        return v;
    }

    public String oneOf(String name, Set<String> values) {
        String v = text(name);
        if (v != null && !values.contains(v)) {
            throw ApiException.badRequest(
                    "parameter '"
                            + name
                            + "' must be one of "
                            + String.join(", ", values.stream().sorted().toList())
                            + ", not '"
                            + v
                            + "'");
        }
        return v;
    }

    public int intOr(String name, int fallback, int min, int max) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw ApiException.badRequest(
                        "parameter '" + name + "' must be " + min + " to " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    "parameter '" + name + "' must be a whole number, not '" + v + "'");
        }
    }

    public Instant instant(String name) {
        return parseInstant(name, text(name));
    }

    /** A date ({@code 2026-11-20}, its start in UTC) or an ISO-8601 time with a zone. */
    public static Instant parseInstant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "'"
                            + name
                            + "' must be a date (2026-11-20) or an ISO-8601 time with a zone (2026-11-20T10:00:00Z), not '"
                            + value
                            + "'");
        }
    }
}
