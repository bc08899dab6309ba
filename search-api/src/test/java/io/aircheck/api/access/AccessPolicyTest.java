package io.aircheck.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.api.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    @Test
    void whoMayDoWhat() {
        assertThat(AccessPolicy.allows(Role.LISTENER, Action.SEARCH)).isTrue();
        assertThat(AccessPolicy.allows(Role.LISTENER, Action.EXPORT)).isFalse();
        assertThat(AccessPolicy.allows(Role.RESEARCHER, Action.EXPORT)).isTrue();
        assertThat(AccessPolicy.allows(Role.AUDITOR, Action.ISSUE_TOKENS)).isFalse();
        assertThat(AccessPolicy.allows(Role.ADMIN, Action.ISSUE_TOKENS)).isTrue();
        assertThat(AccessPolicy.listedVisibilities(Role.LISTENER)).isEqualTo(Set.of("PUBLIC"));
        assertThat(AccessPolicy.listedVisibilities(Role.RESEARCHER))
                .isEqualTo(Set.of("PUBLIC", "UNLISTED"));
        assertThat(AccessPolicy.listedVisibilities(Role.AUDITOR)).isEmpty();
        assertThat(AccessPolicy.opensByLink(Role.LISTENER, "UNLISTED")).isTrue();
        assertThat(AccessPolicy.opensByLink(Role.RESEARCHER, "PRIVATE")).isFalse();
        assertThat(AccessPolicy.seesWithheldSegments(Role.RESEARCHER)).isFalse();
        assertThat(AccessPolicy.seesWithheldSegments(Role.AUDITOR)).isTrue();
    }

    @Test
    void refusalsAre401ForAnonymousAnd403ForSmallRoles() {
        assertThatThrownBy(() -> AccessPolicy.require(Caller.ANONYMOUS, Action.EXPORT))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("researcher or auditor or admin");
        assertThatThrownBy(
                        () ->
                                AccessPolicy.require(
                                        new Caller("lena", Role.LISTENER, false), Action.EXPORT))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("the key 'lena' has the role listener");
    }

    @Test
    void signedTokensVerifyUntilTheyExpire() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        SignedTokens tokens = new SignedTokens("s".repeat(32), Clock.fixed(now, ZoneOffset.UTC));
        String token = tokens.issue("rita", Role.RESEARCHER, Duration.ofHours(1)).token();
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(tokens.verify(token)).contains(new Caller("rita", Role.RESEARCHER, false));
        SignedTokens later =
                new SignedTokens(
                        "s".repeat(32), Clock.fixed(now.plusSeconds(3600), ZoneOffset.UTC));
        assertThat(later.verify(token)).isEmpty();
        SignedTokens otherSecret =
                new SignedTokens("t".repeat(32), Clock.fixed(now, ZoneOffset.UTC));
        assertThat(otherSecret.verify(token)).isEmpty();
        String[] parts = token.split("\\.");
        String forged =
                parts[0]
                        + "."
                        + java.util.Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(
                                        "{\"sub\":\"rita\",\"role\":\"admin\",\"exp\":9999999999}"
                                                .getBytes())
                        + "."
                        + parts[2];
        assertThat(tokens.verify(forged)).isEmpty();
        assertThat(tokens.verify("a.b.c")).isEmpty();
        assertThatThrownBy(() -> new SignedTokens("short", Clock.systemUTC()))
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> tokens.issue("bad name", Role.ADMIN, Duration.ofHours(1)))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> tokens.issue("x", Role.ADMIN, Duration.ofDays(400)))
                .hasMessageContaining("lifetime");
    }

    @Test
    void credentialsTakeKeysAndTokens() {
        SignedTokens tokens = new SignedTokens("s".repeat(32), Clock.systemUTC());
        Credentials credentials =
                new Credentials(ApiKeys.parse("ann:auditor:0123456789abcdef"), tokens);
        assertThat(credentials.identify("0123456789abcdef"))
                .contains(new Caller("ann", Role.AUDITOR, false));
        String token = tokens.issue("adam", Role.ADMIN, Duration.ofMinutes(5)).token();
        assertThat(credentials.identify(token)).contains(new Caller("adam", Role.ADMIN, false));
        assertThat(new Credentials(ApiKeys.parse(""), null).identify(token)).isEmpty();
    }
}
