package io.aircheck.config;

import java.net.URI;
import java.util.List;

/** The Elasticsearch cluster that holds the rooms and transcripts indexes. */
public record ElasticsearchSettings(URI url, String username, String password)
        implements java.io.Serializable {
    public static final Setting<URI> URL =
            new Setting<>(
                    "AIRCHECK_ES_URL",
                    "http://127.0.0.1:9200",
                    "Elasticsearch URL. The embedded stack starts its own node unless this is set.",
                    Setting.url("x", "").parser());
    public static final Setting<String> USERNAME =
            Setting.optional(
                    "AIRCHECK_ES_USERNAME", "Elasticsearch user (basic auth); unset = none.");
    public static final Setting<String> PASSWORD =
            Setting.optional("AIRCHECK_ES_PASSWORD", "Elasticsearch password.");

    public static final List<Setting<?>> SETTINGS = List.of(URL, USERNAME, PASSWORD);

    public static ElasticsearchSettings read(EnvReader env) {
        return new ElasticsearchSettings(env.get(URL), env.get(USERNAME), env.get(PASSWORD));
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        return "ElasticsearchSettings[url=" + url + ", username=" + username + "]";
    }
}
