package io.aircheck.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link Setting}s from an environment map, collecting every problem instead of stopping at
 * the first, so that start-up can list all bad keys at once ({@link #validate}).
 */
public final class EnvReader {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The parsed value, or null when it is invalid (the problem is recorded). */
    public <T> T get(Setting<T> setting) {
        String text = env.get(setting.env());
        if (text == null) {
            text = setting.defaultText();
        }
        if (text == null) {
            problems.add(setting.env() + ": required (" + setting.description() + ")");
            return null;
        }
        try {
            return setting.parser().apply(text);
        } catch (RuntimeException e) {
            problems.add(setting.env() + "=" + text + ": " + e.getMessage());
            return null;
        }
    }

    /** Records a problem found by a cross-setting check. */
    public void problem(String message) {
        problems.add(message);
    }

    /** Throws a {@link ConfigException} that lists every problem found so far, if any. */
    public void validate(String deployable) {
        if (!problems.isEmpty()) {
            throw new ConfigException(deployable, problems);
        }
    }
}
