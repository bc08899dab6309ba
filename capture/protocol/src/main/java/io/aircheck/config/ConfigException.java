package io.aircheck.config;

import java.util.List;

/** Thrown at start-up when configuration is invalid; its message lists every bad key. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(String deployable, List<String> problems) {
        super(
                "invalid configuration for "
                        + deployable
                        + ":\n  - "
                        + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
