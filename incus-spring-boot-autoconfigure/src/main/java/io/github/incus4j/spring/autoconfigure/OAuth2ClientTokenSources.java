package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusTokenSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * Token sources backed by Spring Security's OAuth2 client, for {@code oidc.registration}.
 *
 * <p>The tokens come from an {@link AuthorizedClientServiceOAuth2AuthorizedClientManager}, the
 * manager Spring Security provides for service accounts outside any web request, with the
 * {@code client_credentials} grant: it keeps each token in an {@link OAuth2AuthorizedClientService}
 * and obtains a new one once the kept one has expired (no clock skew: when to renew a token before
 * its expiry is {@link OAuth2ClientTokenSource}'s decision, by the token's lifetime). The registrations are
 * the application's {@link ClientRegistrationRepository} when it has one (Spring Boot makes one
 * from {@code spring.security.oauth2.client.*} outside reactive web applications), else made here
 * from the same properties; likewise the authorized client service. Both are looked up on the
 * first token, never at start-up, so an identity provider that is down does not stop the
 * application (a provider given by {@code issuer-uri} is contacted then).
 */
final class OAuth2ClientTokenSources implements RegistrationTokenSources {

    private static final String PREFIX = "spring.security.oauth2.client";

    private final Environment environment;
    private final Supplier<@Nullable ClientRegistrationRepository> applicationRegistrations;
    private final Supplier<@Nullable OAuth2AuthorizedClientService> applicationClients;
    private @Nullable Manager manager;

    /** The manager and the store it keeps tokens in, made once for all Incus clients. */
    record Manager(OAuth2AuthorizedClientManager manager, OAuth2AuthorizedClientService clients) {
    }

    OAuth2ClientTokenSources(Environment environment,
            Supplier<@Nullable ClientRegistrationRepository> applicationRegistrations,
            Supplier<@Nullable OAuth2AuthorizedClientService> applicationClients) {
        this.environment = environment;
        this.applicationRegistrations = applicationRegistrations;
        this.applicationClients = applicationClients;
    }

    @Override
    public IncusTokenSource tokenSource(String registration, String property, String principal) {
        OAuth2ClientProperties.Registration defined = properties().getRegistration().get(registration);
        String grantType = defined != null ? defined.getAuthorizationGrantType() : null;
        if (defined == null) {
            ClientRegistrationRepository repository = applicationRegistrations.get();
            ClientRegistration found = repository != null ? repository.findByRegistrationId(registration) : null;
            if (found == null) {
                List<String> known = new ArrayList<>(properties().getRegistration().keySet());
                throw new IncusConfigurationException(property, "Invalid " + property + ": there is no OAuth2 client "
                        + "registration '" + registration + "' (" + PREFIX + ".registration." + registration + "; "
                        + (known.isEmpty() ? "none is defined" : "defined: " + known) + ").", "Define it with "
                        + PREFIX + ".registration." + registration + ".client-id, .client-secret, "
                        + ".authorization-grant-type=client_credentials and the provider's token-uri or issuer-uri ("
                        + PREFIX + ".provider.NAME.issuer-uri), or set " + property + " to a defined registration.",
                        null);
            }
            grantType = found.getAuthorizationGrantType().getValue();
        }
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(grantType)) {
            throw new IncusConfigurationException(property, "Invalid " + property + ": the OAuth2 client registration '"
                    + registration + "' uses authorization-grant-type " + grantType + ", but an application's Incus "
                    + "client authenticates as a service account, with client_credentials (the tokens of a user who "
                    + "signed in belong to that user's web session).", "Set " + PREFIX + ".registration."
                    + registration + ".authorization-grant-type=client_credentials, or name a registration that has "
                    + "it.", null);
        }
        return new OAuth2ClientTokenSource(this::manager, registration, principal, property);
    }

    private OAuth2ClientProperties properties() {
        return Binder.get(environment).bind(PREFIX, OAuth2ClientProperties.class).orElseGet(OAuth2ClientProperties::new);
    }

    /** Made on the first token: making registrations from an issuer-uri contacts the provider. */
    synchronized Manager manager() {
        if (manager == null) {
            ClientRegistrationRepository registrations = applicationRegistrations.get();
            if (registrations == null) {
                Map<String, ClientRegistration> mapped = new OAuth2ClientPropertiesMapper(properties())
                        .asClientRegistrations();
                registrations = new InMemoryClientRegistrationRepository(mapped);
            }
            OAuth2AuthorizedClientService clients = applicationClients.get();
            if (clients == null) {
                clients = new InMemoryOAuth2AuthorizedClientService(registrations);
            }
            AuthorizedClientServiceOAuth2AuthorizedClientManager built =
                    new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
            // No clock skew here: OAuth2ClientTokenSource renews a token when a share of its lifetime
            // is left; with the default 60 seconds, tokens of a shorter lifetime would be fetched anew
            // for every request.
            built.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                    .clientCredentials(credentials -> credentials.clockSkew(Duration.ZERO)).build());
            manager = new Manager(built, clients);
        }
        return manager;
    }
}
