package io.aircheck.api;

import io.aircheck.api.access.ApiKeys;
import io.aircheck.api.access.Credentials;
import io.aircheck.api.access.SignedTokens;
import io.aircheck.api.audit.AuditConfig;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.config.EnvReader;
import io.aircheck.config.S3Settings;
import io.aircheck.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** search-api's configuration, read once from the environment at start-up. */
public record ApiConfig(
        String host,
        int port,
        S3Settings s3,
        ElasticsearchSettings elasticsearch,
        ApiKeys apiKeys,
        boolean anonymousAllowed,
        String tokenSecret,
        int searchConcurrency,
        java.time.Duration searchQueueTimeout,
        AuditConfig audit) {

    public static final Setting<String> HOST =
            Setting.string("AIRCHECK_API_HOST", "127.0.0.1", "Address search-api listens on.");
    public static final Setting<Integer> PORT =
            Setting.port(
                    "AIRCHECK_API_PORT", 8080, "Port search-api listens on (0 = any free port).");
    public static final Setting<String> API_KEYS =
            Setting.optional(
                    "AIRCHECK_API_KEYS",
                    "API keys as name:role:secret,... (roles: listener, researcher, auditor, admin; secrets of 16+ characters).");
    public static final Setting<Boolean> ANONYMOUS =
            Setting.flag(
                    "AIRCHECK_API_ANONYMOUS",
                    true,
                    "Whether callers without a key may list and play public rooms (as listeners).");

    public static final Setting<String> TOKEN_SECRET =
            Setting.optional(
                    "AIRCHECK_API_TOKEN_SECRET",
                    "Secret (32+ characters) that signs access tokens (JWT, HS256) issued by admins; unset = only AIRCHECK_API_KEYS are accepted.");

    public static final Setting<Integer> SEARCH_CONCURRENCY =
            Setting.intRange(
                    "AIRCHECK_API_SEARCH_CONCURRENCY",
                    0,
                    0,
                    1024,
                    "Searches and export pages served at once; the others wait their turn, in order of arrival. 0 = the Elasticsearch data nodes' processors + 1, asked at start-up.");
    public static final Setting<java.time.Duration> SEARCH_QUEUE_TIMEOUT =
            Setting.duration(
                    "AIRCHECK_API_SEARCH_QUEUE_TIMEOUT",
                    "10s",
                    "Longest a search waits for its turn before it is answered 503 busy (with Retry-After).");

    public static final List<Setting<?>> SETTINGS = settings();

    public static ApiConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        String host = reader.get(HOST);
        Integer port = reader.get(PORT);
        S3Settings s3 = S3Settings.read(reader);
        ElasticsearchSettings es = ElasticsearchSettings.read(reader);
        ApiKeys keys = ApiKeys.parse("");
        String keysText = reader.get(API_KEYS);
        try {
            keys = ApiKeys.parse(keysText);
        } catch (IllegalArgumentException e) {
            reader.problem(API_KEYS.env() + ": " + e.getMessage());
        }
        Boolean anonymous = reader.get(ANONYMOUS);
        String secret = reader.get(TOKEN_SECRET);
        if (secret != null
                && !secret.isEmpty()
                && secret.length() < SignedTokens.MIN_SECRET_LENGTH) {
            reader.problem(
                    TOKEN_SECRET.env()
                            + ": must have at least "
                            + SignedTokens.MIN_SECRET_LENGTH
                            + " characters");
        }
        Integer searchConcurrency = reader.get(SEARCH_CONCURRENCY);
        java.time.Duration searchQueueTimeout = reader.get(SEARCH_QUEUE_TIMEOUT);
        AuditConfig audit = AuditConfig.read(reader);
        reader.validate("search-api");
        return new ApiConfig(
                host,
                port,
                s3,
                es,
                keys,
                anonymous,
                secret == null || secret.isEmpty() ? null : secret,
                searchConcurrency,
                searchQueueTimeout,
                audit);
    }

    /** Who can be identified: the API keys, and signed tokens when a secret is configured. */
    public Credentials credentials() {
        return new Credentials(
                apiKeys,
                tokenSecret == null
                        ? null
                        : new SignedTokens(tokenSecret, java.time.Clock.systemUTC()));
    }

    private static List<Setting<?>> settings() {
        List<Setting<?>> all =
                new ArrayList<>(
                        List.of(
                                HOST,
                                PORT,
                                API_KEYS,
                                ANONYMOUS,
                                TOKEN_SECRET,
                                SEARCH_CONCURRENCY,
                                SEARCH_QUEUE_TIMEOUT));
        all.addAll(S3Settings.SETTINGS);
        all.addAll(ElasticsearchSettings.SETTINGS);
        all.addAll(AuditConfig.SETTINGS);
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return "ApiConfig[host="
                + host
                + ", port="
                + port
                + ", s3="
                + s3
                + ", elasticsearch="
                + elasticsearch
                + ", apiKeys="
                + apiKeys.size()
                + ", anonymousAllowed="
                + anonymousAllowed
                + ", tokens="
                + (tokenSecret == null ? "off" : "on")
                + ", searchConcurrency="
                + (searchConcurrency == 0 ? "auto" : searchConcurrency)
                + "]";
    }
}
