package io.aircheck.api.audit;

import io.aircheck.config.EnvReader;
import io.aircheck.config.KafkaSettings;
import io.aircheck.config.Setting;
import io.aircheck.storage.signing.SigningKeyFile;
import java.util.ArrayList;
import java.util.List;

/**
 * What search-api needs for the audit trail and the auditors' exports: the Kafka cluster that holds
 * {@code archive.audit}, and the operator's signing key (for export bundles, and to verify the
 * archived trail).
 */
public record AuditConfig(KafkaSettings kafka, SigningKeyFile signingKey) {
    public static final List<Setting<?>> SETTINGS = settings();

    public static AuditConfig read(EnvReader env) {
        return new AuditConfig(KafkaSettings.read(env), SigningKeyFile.read(env));
    }

    private static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(KafkaSettings.SETTINGS);
        all.addAll(SigningKeyFile.SETTINGS);
        return List.copyOf(all);
    }
}
