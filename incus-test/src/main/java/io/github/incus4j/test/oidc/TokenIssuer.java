package io.github.incus4j.test.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a {@link Grant} into a token answer (RFC 6749, section 5.1): a signed access token, an ID
 * token when {@code openid} was granted to a user, and a refresh token when {@code offline_access}
 * was.
 *
 * <p>Access token claims: {@code iss}, {@code sub} (the user, or the client for
 * {@code client_credentials}), {@code aud} (the audience asked for, else the client id),
 * {@code exp}, {@code iat}, {@code jti}, {@code client_id}, {@code scope} as one space-separated
 * string, and the user's {@code email} when {@code email} was granted.
 */
final class TokenIssuer {

    /** Fresh builders with only the issuer and signing key set. */
    private final Supplier<TokenBuilder> tokens;
    private final Duration accessTokenLifetime;
    private final Duration idTokenLifetime;
    private final RefreshTokenStore refreshTokens;

    TokenIssuer(Supplier<TokenBuilder> tokens, Duration accessTokenLifetime, Duration idTokenLifetime,
                RefreshTokenStore refreshTokens) {
        this.tokens = tokens;
        this.accessTokenLifetime = accessTokenLifetime;
        this.idTokenLifetime = idTokenLifetime;
        this.refreshTokens = refreshTokens;
    }

    Reply issue(Grant grant) {
        Instant now = Instant.now();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", accessToken(grant, now));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", accessTokenLifetime.toSeconds());
        if (!grant.scopes().isEmpty()) {
            answer.put("scope", String.join(" ", grant.scopes()));
        }
        if (grant.user() != null && grant.hasScope(Grant.OFFLINE_ACCESS)) {
            answer.put("refresh_token", refreshTokens.issue(grant));
        }
        if (grant.user() != null && grant.hasScope(Grant.OPENID)) {
            answer.put("id_token", idToken(grant, now));
        }
        return Reply.sensitiveJson(200, answer);
    }

    private String accessToken(Grant grant, Instant now) {
        TokenBuilder token = tokens.get()
                .subject(grant.subject())
                .audience(grant.accessTokenAudience())
                .issuedAt(now)
                .lifetime(accessTokenLifetime)
                .claim("client_id", grant.client().id());
        if (!grant.scopes().isEmpty()) {
            token.scope(String.join(" ", grant.scopes()));
        }
        return withEmail(token, grant).mint();
    }

    /**
     * OpenID Connect Core, section 2: the ID token's audience is the client. Its lifetime is its
     * own: the incus command line verifies the ID token of a refresh with a five-second allowance
     * that also shortens the expiry, so an ID token valid for five seconds or less fails there.
     */
    private String idToken(Grant grant, Instant now) {
        TokenBuilder token = tokens.get()
                .subject(grant.subject())
                .audience(grant.client().id())
                .issuedAt(now)
                .lifetime(idTokenLifetime)
                .claim("auth_time", now.getEpochSecond());
        return withEmail(token, grant).mint();
    }

    private static TokenBuilder withEmail(TokenBuilder token, Grant grant) {
        boolean email = grant.user() != null && grant.user().email() != null && grant.hasScope(Grant.EMAIL);
        return email ? token.email(grant.user().email()) : token;
    }
}
