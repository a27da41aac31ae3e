package io.github.incus4j.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claims of a JSON Web Token, read without checking its signature: only to learn when a
 * token the {@code incus} command line stored expires, who issued it and for which client. Incus
 * checks the signature; nothing here trusts a token.
 */
final class JwtClaims {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode claims;

    private JwtClaims(JsonNode claims) {
        this.claims = claims;
    }

    /**
     * Reads the payload of a compact JWT ({@code header.payload.signature}).
     *
     * @param jwt the token
     * @return its claims
     * @throws IllegalArgumentException if it is not a JWT with a JSON object as payload; the
     *     message never quotes the token
     */
    static JwtClaims read(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("the token is not a JSON Web Token (it has " + parts.length
                    + " dot-separated parts instead of 3)");
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            if (!claims.isObject()) {
                throw new IllegalArgumentException("the token's payload is not a JSON object");
            }
            return new JwtClaims(claims);
        } catch (IllegalArgumentException | JacksonException e) {
            // Neither message may carry on: a decoder quotes what it could not read.
            throw new IllegalArgumentException("the token's payload is not base64url-encoded JSON");
        }
    }

    /** The expiry ({@code exp}), or {@code null} when the token has none. */
    @Nullable Instant expiry() {
        JsonNode exp = claims.get("exp");
        return exp != null && exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
    }

    /** A string claim, or {@code null}. */
    @Nullable String text(String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    /** The audience: {@code aud} as a string, or the first of its list; {@code null} without one. */
    @Nullable String audience() {
        JsonNode audience = claims.get("aud");
        if (audience != null && audience.isArray() && !audience.isEmpty()) {
            audience = audience.get(0);
        }
        return audience != null && audience.isString() && !audience.asString().isBlank() ? audience.asString() : null;
    }
}
