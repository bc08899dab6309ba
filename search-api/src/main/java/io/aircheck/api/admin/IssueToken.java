package io.aircheck.api.admin;

import io.aircheck.api.ApiConfig;
import io.aircheck.api.access.Role;
import io.aircheck.api.access.SignedTokens;
import io.aircheck.config.Setting;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The admin command that issues credentials for search-api.
 *
 * <pre>
 * IssueToken token --name NAME --role ROLE [--ttl 30d]   a signed token (needs AIRCHECK_API_TOKEN_SECRET)
 * IssueToken key   --name NAME --role ROLE               a new AIRCHECK_API_KEYS entry with a random secret
 * </pre>
 *
 * Exit status 0 with the credential on standard output; 2 with a message on standard error for bad
 * arguments or a missing secret.
 */
public final class IssueToken {
    private static final String USAGE =
            "usage: IssueToken token --name NAME --role listener|researcher|auditor|admin [--ttl 30d]\n"
                    + "       IssueToken key   --name NAME --role listener|researcher|auditor|admin";

    private static final Setting<Duration> TTL =
            Setting.duration("ttl", "30d", "how long the token is valid");

    private IssueToken() {}

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || !(args[0].equals("token") || args[0].equals("key"))) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("expected --option value pairs, got '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String name = options.get("name");
        Role role;
        try {
            role = Role.valueOf(options.getOrDefault("role", "").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("--role must be one of listener, researcher, auditor, admin\n" + USAGE);
            return 2;
        }
        if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
            err.println("--name must be 1-64 of A-Z a-z 0-9 . _ @ -\n" + USAGE);
            return 2;
        }
        if (args[0].equals("key")) {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            out.println(
                    name
                            + ":"
                            + role.name().toLowerCase(Locale.ROOT)
                            + ":"
                            + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            return 0;
        }
        String secret = env.getOrDefault(ApiConfig.TOKEN_SECRET.env(), "");
        if (secret.length() < SignedTokens.MIN_SECRET_LENGTH) {
            err.println(
                    ApiConfig.TOKEN_SECRET.env()
                            + " must be set (at least "
                            + SignedTokens.MIN_SECRET_LENGTH
                            + " characters), the same as search-api's");
            return 2;
        }
        try {
            Duration ttl = TTL.parser().apply(options.getOrDefault("ttl", "30d"));
            SignedTokens.Issued issued =
                    new SignedTokens(secret, Clock.systemUTC()).issue(name, role, ttl);
            out.println(issued.token());
            err.println(
                    "token for '"
                            + name
                            + "' ("
                            + role.name().toLowerCase(Locale.ROOT)
                            + "), expires "
                            + issued.expiresAt());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
