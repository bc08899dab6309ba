package io.aircheck.capture.gateway;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the ingest secret from an {@code Authorization: Bearer <secret>} header or a token
 * parameter.
 */
final class BearerToken {
    private BearerToken() {}

    static Optional<String> from(String authorizationHeader, String tokenParameter) {
        if (authorizationHeader != null) {
            String header = authorizationHeader.trim();
            if (header.length() > 7
                    && header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
                return Optional.of(header.substring(7).trim());
            }
            return Optional.empty();
        }
        if (tokenParameter != null && !tokenParameter.isBlank()) {
            return Optional.of(tokenParameter.trim());
        }
        return Optional.empty();
    }
}
