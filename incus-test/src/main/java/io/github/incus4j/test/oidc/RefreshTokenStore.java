package io.github.incus4j.test.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Opaque refresh tokens and the grants they stand for. A refresh token is used up when redeemed
 * (the answer carries a new one), so a replayed token is refused. Thread-safe.
 */
final class RefreshTokenStore {

    private record Stored(Grant grant, Instant expiresAt) {
    }

    private final Duration lifetime;
    private final Clock clock;
    private final ConcurrentMap<String, Stored> tokens = new ConcurrentHashMap<>();

    RefreshTokenStore(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    String issue(Grant grant) {
        Instant now = clock.instant();
        tokens.values().removeIf(stored -> !now.isBefore(stored.expiresAt()));
        String token = RandomStrings.token();
        tokens.put(token, new Stored(grant, now.plus(lifetime)));
        return token;
    }

    /**
     * Takes a refresh token back, once.
     *
     * @throws OAuthException {@code invalid_grant} for an unknown, used, expired or foreign token
     */
    Grant redeem(String token, OidcClient client) throws OAuthException {
        Stored stored = tokens.get(token);
        if (stored == null || !stored.grant().client().id().equals(client.id()) || !tokens.remove(token, stored)) {
            throw OAuthException.invalidGrant("unknown, used or foreign refresh_token");
        }
        if (!clock.instant().isBefore(stored.expiresAt())) {
            throw OAuthException.invalidGrant("the refresh_token has expired");
        }
        return stored.grant();
    }

    int size() {
        return tokens.size();
    }
}
