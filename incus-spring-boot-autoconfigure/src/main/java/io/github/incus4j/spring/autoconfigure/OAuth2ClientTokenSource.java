package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusTokenSource;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The access tokens of one Spring Security OAuth2 client registration, for one Incus client.
 *
 * <p>A token is handed out from memory until less than its renewal margin is left before it
 * expires: a quarter of its lifetime, at most 60 seconds (Spring Security's default clock skew).
 * Then Spring Security's manager is asked, on Reactor's bounded-elastic threads because it may call
 * the provider's token endpoint and blocks; should the manager still hold the same token (it is
 * made with no clock skew of its own, see {@link OAuth2ClientTokenSources}), that token is removed
 * from the authorized client service so that the manager obtains a new one.
 *
 * <p>Why not Spring Security's own 60-second clock skew: the manager counts a token as expired once
 * it expires within the skew, and a provider that issues tokens for less than that (20 seconds, or
 * one minute, are common for service accounts) would have every token expired when it arrives, so
 * every request to Incus would call the token endpoint. With the margin a 20-second token serves
 * requests for 15 seconds, a five-minute token for four minutes.
 *
 * <p>Incus allows no clock skew. When it refuses a token as expired anyway (the clocks disagree by
 * more than the margin), the client calls {@link #refresh(String)}: the refused token is removed
 * from the authorized client service, the manager obtains a new one, and the request is sent once
 * more. Tokens are obtained one at a time per source, so requests that find the token due at the
 * same moment share one new token.
 */
final class OAuth2ClientTokenSource implements IncusTokenSource {

    /** The longest renewal margin: Spring Security's default clock skew. */
    static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    private final Supplier<OAuth2ClientTokenSources.Manager> manager;
    private final String registration;
    private final String principal;
    private final String property;
    private volatile @Nullable OAuth2AccessToken current;

    OAuth2ClientTokenSource(Supplier<OAuth2ClientTokenSources.Manager> manager, String registration, String principal,
            String property) {
        this.manager = manager;
        this.registration = registration;
        this.principal = principal;
        this.property = property;
    }

    @Override
    public Mono<String> token() {
        OAuth2AccessToken known = current;
        if (known != null && fresh(known, Instant.now())) {
            return Mono.just(known.getTokenValue());
        }
        return Mono.fromCallable(() -> obtain(null)).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<String> refresh(String rejected) {
        return Mono.fromCallable(() -> obtain(rejected)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * How long before its expiry a token is renewed: a quarter of its lifetime, at most
     * {@link #MAX_MARGIN}; {@link #MAX_MARGIN} when its lifetime is not known.
     */
    static Duration margin(OAuth2AccessToken token) {
        Instant issued = token.getIssuedAt();
        Instant expires = token.getExpiresAt();
        if (issued == null || expires == null) {
            return MAX_MARGIN;
        }
        Duration quarter = Duration.between(issued, expires).dividedBy(4);
        if (quarter.isNegative()) {
            return Duration.ZERO;
        }
        return quarter.compareTo(MAX_MARGIN) < 0 ? quarter : MAX_MARGIN;
    }

    /** Whether a token may still be sent at {@code now}: more than its margin is left before it expires. */
    static boolean fresh(OAuth2AccessToken token, Instant now) {
        Instant expires = token.getExpiresAt();
        return expires == null || expires.isAfter(now.plus(margin(token)));
    }

    /**
     * Gets a token that is fresh, from memory or from the manager, at most twice from the manager.
     *
     * @param rejected the token Incus refused as expired, which is not handed out again, or {@code null}
     */
    private synchronized String obtain(@Nullable String rejected) {
        OAuth2ClientTokenSources.Manager used = manager.get();
        OAuth2AccessToken known = current;
        if (known != null && !known.getTokenValue().equals(rejected) && fresh(known, Instant.now())) {
            // Another request renewed it while this one waited.
            return known.getTokenValue();
        }
        if (rejected != null) {
            forget(used, rejected);
        }
        OAuth2AccessToken token = authorize(used);
        if (!fresh(token, Instant.now())) {
            // The manager's own token, near its expiry: have it obtain a new one.
            forget(used, token.getTokenValue());
            token = authorize(used);
        }
        current = token;
        return token.getTokenValue();
    }

    private OAuth2AccessToken authorize(OAuth2ClientTokenSources.Manager used) {
        OAuth2AuthorizedClient client;
        try {
            client = used.manager().authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registration)
                    .principal(principal).build());
        } catch (RuntimeException e) {
            // Spring Security's messages name the OAuth2 error and the provider's description,
            // never the client secret.
            throw new IllegalStateException("Spring Security's OAuth2 client could not get an access token for "
                    + "registration '" + registration + "' (" + property + "): " + e.getMessage() + ". Check "
                    + "spring.security.oauth2.client.registration." + registration + ".* and that the identity "
                    + "provider is reachable", e);
        }
        if (client == null) {
            throw new IllegalStateException("Spring Security's OAuth2 client gave no access token for registration '"
                    + registration + "' (" + property + "): check that its authorization-grant-type is "
                    + "client_credentials");
        }
        return client.getAccessToken();
    }

    /** Removes the kept token if it is this one, so that the manager obtains a new one. */
    private void forget(OAuth2ClientTokenSources.Manager used, String token) {
        OAuth2AuthorizedClient kept = used.clients().loadAuthorizedClient(registration, principal);
        if (kept != null && kept.getAccessToken().getTokenValue().equals(token)) {
            used.clients().removeAuthorizedClient(registration, principal);
        }
        OAuth2AccessToken known = current;
        if (known != null && known.getTokenValue().equals(token)) {
            current = null;
        }
    }

    @Override
    public String toString() {
        return "OAuth2ClientTokenSource[registration=" + registration + "]";
    }
}
