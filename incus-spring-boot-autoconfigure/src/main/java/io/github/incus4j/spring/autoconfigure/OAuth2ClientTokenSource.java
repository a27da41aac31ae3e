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
 * <p>Spring Security's manager keeps the token and obtains a new one once the kept one expires
 * within its clock skew (60 seconds). A token that far from its expiry is handed out from memory;
 * otherwise the manager is asked on Reactor's bounded-elastic threads, because it may call the
 * provider's token endpoint and blocks. When Incus refuses a token as expired anyway (the clocks
 * disagree), the kept token is forgotten so that the manager obtains a new one.
 */
final class OAuth2ClientTokenSource implements IncusTokenSource {

    /** Spring Security's own default clock skew for client credentials. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

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
        if (known != null && known.getExpiresAt() != null
                && known.getExpiresAt().isAfter(Instant.now().plus(CLOCK_SKEW))) {
            return Mono.just(known.getTokenValue());
        }
        return Mono.fromCallable(this::authorize).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<String> refresh(String rejected) {
        return Mono.fromCallable(() -> {
            forget(rejected);
            return authorize();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private String authorize() {
        OAuth2AuthorizedClient client;
        try {
            client = manager.get().manager().authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registration)
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
        OAuth2AccessToken token = client.getAccessToken();
        current = token;
        return token.getTokenValue();
    }

    /** Drops the kept token if it is the one Incus refused, so that the manager gets a new one. */
    private void forget(String rejected) {
        OAuth2ClientTokenSources.Manager used = manager.get();
        synchronized (this) {
            OAuth2AuthorizedClient kept = used.clients().loadAuthorizedClient(registration, principal);
            if (kept != null && kept.getAccessToken().getTokenValue().equals(rejected)) {
                used.clients().removeAuthorizedClient(registration, principal);
            }
            OAuth2AccessToken known = current;
            if (known != null && known.getTokenValue().equals(rejected)) {
                current = null;
            }
        }
    }

    @Override
    public String toString() {
        return "OAuth2ClientTokenSource[registration=" + registration + "]";
    }
}
