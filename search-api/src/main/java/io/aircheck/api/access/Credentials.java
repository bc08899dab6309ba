package io.aircheck.api.access;

import java.util.Optional;

/**
 * Everything that can identify a caller: the configured API keys and, when a token secret is
 * configured, signed tokens.
 */
public final class Credentials {
    private final ApiKeys keys;
    private final SignedTokens tokens;

    /** {@code tokens} may be null: then only API keys are accepted. */
    public Credentials(ApiKeys keys, SignedTokens tokens) {
        this.keys = keys;
        this.tokens = tokens;
    }

    public Optional<Caller> identify(String presented) {
        if (tokens != null && SignedTokens.looksLikeToken(presented)) {
            return tokens.verify(presented);
        }
        return keys.identify(presented);
    }

    public Optional<SignedTokens> tokens() {
        return Optional.ofNullable(tokens);
    }
}
