package io.aircheck.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.api.access.ApiKeys;
import io.aircheck.api.access.Caller;
import io.aircheck.api.access.Role;
import io.aircheck.api.access.SignedTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IssueTokenTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return IssueToken.run(args, env, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void issuesATokenTheApiAccepts() {
        String secret = "x".repeat(40);
        assertThat(
                        run(
                                Map.of("AIRCHECK_API_TOKEN_SECRET", secret),
                                "token",
                                "--name",
                                "rita",
                                "--role",
                                "researcher",
                                "--ttl",
                                "7d"))
                .isZero();
        String token = out.toString().trim();
        assertThat(new SignedTokens(secret, Clock.systemUTC()).verify(token))
                .contains(new Caller("rita", Role.RESEARCHER, false));
        assertThat(err.toString()).contains("token for 'rita' (researcher), expires");
    }

    @Test
    void issuesAKeyEntryForTheConfiguration() {
        assertThat(run(Map.of(), "key", "--name", "ann", "--role", "auditor")).isZero();
        String entry = out.toString().trim();
        assertThat(entry).startsWith("ann:auditor:");
        String secret = entry.substring("ann:auditor:".length());
        assertThat(ApiKeys.parse(entry).identify(secret))
                .contains(new Caller("ann", Role.AUDITOR, false));
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThat(run(Map.of(), "token", "--name", "rita", "--role", "researcher")).isEqualTo(2);
        assertThat(err.toString()).contains("AIRCHECK_API_TOKEN_SECRET must be set");
        assertThat(run(Map.of(), "key", "--name", "ann", "--role", "king")).isEqualTo(2);
        assertThat(run(Map.of(), "rotate")).isEqualTo(2);
        assertThat(err.toString()).contains("usage:");
    }
}
