package io.aircheck.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: the environment variable it is read from, its default (null = no default),
 * what it means, and how its text is parsed and checked. Deployables declare their settings as
 * constants and read them once, at start-up, through {@link EnvReader}.
 */
public record Setting<T>(
        String env, String defaultText, String description, Function<String, T> parser) {

    public Setting {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parser, "parser");
    }

    public static Setting<String> string(String env, String defaultText, String description) {
        return new Setting<>(env, defaultText, description, s -> s);
    }

    /** A string that may be empty (blank means "not set", e.g. an external endpoint). */
    public static Setting<String> optional(String env, String description) {
        return new Setting<>(env, "", description, String::trim);
    }

    public static Setting<Integer> port(String env, int defaultPort, String description) {
        return new Setting<>(
                env,
                Integer.toString(defaultPort),
                description,
                s -> {
                    int port = Integer.parseInt(s.trim());
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("not a port (0-65535): " + s);
                    }
                    return port;
                });
    }

    public static Setting<Integer> positiveInt(String env, int defaultValue, String description) {
        return new Setting<>(
                env,
                Integer.toString(defaultValue),
                description,
                s -> {
                    int value = Integer.parseInt(s.trim());
                    if (value <= 0) {
                        throw new IllegalArgumentException("must be > 0: " + s);
                    }
                    return value;
                });
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Setting<Integer> intRange(
            String env, int defaultValue, int min, int max, String description) {
        return new Setting<>(
                env,
                Integer.toString(defaultValue),
                description,
                s -> {
                    int value = Integer.parseInt(s.trim());
                    if (value < min || value > max) {
                        throw new IllegalArgumentException(
                                "must be from " + min + " to " + max + ": " + s);
                    }
                    return value;
                });
    }

    public static Setting<Boolean> flag(String env, boolean defaultValue, String description) {
        return new Setting<>(
                env,
                Boolean.toString(defaultValue),
                description,
                s -> {
                    String v = s.trim().toLowerCase(java.util.Locale.ROOT);
                    if (v.equals("true") || v.equals("1") || v.equals("yes")) {
                        return true;
                    }
                    if (v.equals("false") || v.equals("0") || v.equals("no")) {
                        return false;
                    }
                    throw new IllegalArgumentException("not a boolean (true/false): " + s);
                });
    }

    public static Setting<Duration> duration(String env, String defaultText, String description) {
        return new Setting<>(env, defaultText, description, Setting::parseDuration);
    }

    public static Setting<Path> path(String env, String defaultText, String description) {
        return new Setting<>(env, defaultText, description, s -> Path.of(s.trim()));
    }

    /** An http(s) URL, or blank for "not set". */
    public static Setting<URI> url(String env, String description) {
        return new Setting<>(
                env,
                "",
                description,
                s -> {
                    String v = s.trim();
                    if (v.isEmpty()) {
                        return null;
                    }
                    URI uri = URI.create(v);
                    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                        throw new IllegalArgumentException("not an http(s) URL: " + s);
                    }
                    if (uri.getHost() == null) {
                        throw new IllegalArgumentException("URL without a host: " + s);
                    }
                    return uri;
                });
    }

    /** Durations as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 7d}, or ISO-8601. */
    static Duration parseDuration(String text) {
        String v = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(text.trim());
        }
        String[] units = {"ms", "s", "m", "h", "d"};
        for (String unit : units) {
            if (v.endsWith(unit)) {
                String number = v.substring(0, v.length() - unit.length());
                if (unit.equals("m") && number.endsWith("m")) {
                    continue;
                }
                long n = Long.parseLong(number);
                if (n < 0) {
                    throw new IllegalArgumentException("negative duration: " + text);
                }
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
        }
        throw new IllegalArgumentException("not a duration (e.g. 500ms, 10s, 5m, 2h, 7d): " + text);
    }
}
