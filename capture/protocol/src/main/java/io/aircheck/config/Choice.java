package io.aircheck.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Named choices read from configuration: an enum constant by its name, in any case. */
public final class Choice {
    private Choice() {}

    /**
     * The constant of {@code type} named {@code name} (any case, surrounding blanks ignored).
     *
     * @param what what the choice is, for the message (e.g. {@code decoder})
     * @throws IllegalArgumentException naming the known choices, in lower case
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (E choice : type.getEnumConstants()) {
            if (choice.name().equals(n)) {
                return choice;
            }
        }
        throw new IllegalArgumentException(
                "unknown "
                        + what
                        + " '"
                        + name
                        + "' (known: "
                        + Arrays.stream(type.getEnumConstants())
                                .map(c -> c.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))
                        + ")");
    }
}
