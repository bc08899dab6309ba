package io.aircheck.infra.launcher;

import io.aircheck.api.ApiConfig;
import io.aircheck.capture.gateway.CaptureConfig;
import io.aircheck.config.Setting;
import io.aircheck.config.SettingsTable;
import io.aircheck.jobs.JobsConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every environment variable of every deployable, once, for the README's table. */
final class AllSettings {
    private AllSettings() {}

    static List<Setting<?>> all() {
        Map<String, Setting<?>> byName = new LinkedHashMap<>();
        List<List<Setting<?>>> groups =
                List.of(
                        StackConfig.SETTINGS,
                        CaptureConfig.SETTINGS,
                        JobsConfig.SETTINGS,
                        ApiConfig.SETTINGS,
                        io.aircheck.api.retention.RetentionCommand.SETTINGS);
        for (List<Setting<?>> group : groups) {
            for (Setting<?> s : group) {
                byName.putIfAbsent(s.env(), s);
            }
        }
        return new ArrayList<>(byName.values());
    }

    static String markdown() {
        return SettingsTable.markdown(all());
    }
}
