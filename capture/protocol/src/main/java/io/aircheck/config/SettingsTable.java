package io.aircheck.config;

import java.util.List;

/** Renders settings as the Markdown table the READMEs carry. */
public final class SettingsTable {
    private SettingsTable() {}

    public static String markdown(List<Setting<?>> settings) {
        StringBuilder out = new StringBuilder("| variable | default | meaning |\n|---|---|---|\n");
        for (Setting<?> s : settings) {
            String def = s.defaultText() == null ? "(required)" : s.defaultText();
            out.append("| `")
                    .append(s.env())
                    .append("` | ")
                    .append(def.isEmpty() ? "(unset)" : "`" + def + "`")
                    .append(" | ")
                    .append(s.description())
                    .append(" |\n");
        }
        return out.toString();
    }
}
