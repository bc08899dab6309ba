package io.aircheck.api.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed access tokens: compact JWTs (RFC 7519) with HMAC-SHA256 ({@code alg: HS256}), claims
 * {@code sub} (who), {@code role}, {@code iat}, {@code exp} and {@code jti}. Issued by an admin
 * ({@code POST /api/admin/tokens} or {@link io.aircheck.api.admin.IssueToken}); any search-api
 * holding the same secret accepts them until they expire, without a restart.
 */
public final class SignedTokens {
    /** The shortest secret accepted (32 bytes = the HMAC-SHA256 key size). */
    public static final int MIN_SECRET_LENGTH = 32;

    public static final Duration MAX_TTL = Duration.ofDays(366);

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER =
            B64.encodeToString(
                    "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] secret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SignedTokens(String secret, Clock clock) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                    "the token secret must have at least " + MIN_SECRET_LENGTH + " characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** What an issued token says. */
    public record Issued(String token, String name, Role role, Instant expiresAt, String id) {}

    /** Issues a token for {@code name} with {@code role}, valid for {@code ttl}. */
    public Issued issue(String name, Role role, Duration ttl) {
        if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException(
                    "the token's name must be 1-64 of A-Z a-z 0-9 . _ @ -, not '" + name + "'");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException(
                    "the token's lifetime must be between 1 s and " + MAX_TTL.toDays() + " days");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        byte[] id = new byte[12];
        random.nextBytes(id);
        String jti = HexFormat.of().formatHex(id);
        ObjectNode claims = JSON.createObjectNode();
        claims.put("sub", name);
        claims.put("role", role.name().toLowerCase(Locale.ROOT));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("jti", jti);
        String payload = B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        String signingInput = HEADER + "." + payload;
        return new Issued(
                signingInput + "." + B64.encodeToString(sign(signingInput)),
                name,
                role,
                expires,
                jti);
    }

    /** Whether {@code presented} looks like a JWT (three dot-separated parts). */
    public static boolean looksLikeToken(String presented) {
        return presented.chars().filter(c -> c == '.').count() == 2;
    }

    /**
     * The caller a token identifies, or empty when its signature, algorithm, claims or expiry are
     * not valid.
     */
    public Optional<Caller> verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode header = JSON.readTree(B64D.decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(B64D.decode(parts[1]));
            long exp = claims.path("exp").asLong(0);
            if (exp <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            Role role = Role.valueOf(claims.path("role").asText("").toUpperCase(Locale.ROOT));
            String name = claims.path("sub").asText("");
            return name.isEmpty() ? Optional.empty() : Optional.of(new Caller(name, role, false));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
