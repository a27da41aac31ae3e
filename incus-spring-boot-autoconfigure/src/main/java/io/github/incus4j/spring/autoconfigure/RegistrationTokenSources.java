package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusTokenSource;

/**
 * Token sources for {@code oidc.registration}: a Spring Security OAuth2 client registration that
 * obtains and renews the tokens. An interface with no Spring Security type in it, so that the
 * starter loads Spring Security's classes only when they are on the class path
 * ({@link OAuth2ClientTokensConfiguration}).
 */
interface RegistrationTokenSources {

    /**
     * Returns the token source of a registration, after checking that it exists and uses the
     * {@code client_credentials} grant. Nothing is contacted.
     *
     * @param registration the registration's name, {@code spring.security.oauth2.client.registration.NAME}
     * @param property the property that named it, such as {@code incus.oidc.registration}, for messages
     * @param principal the name the registration's tokens are kept under, one per Incus client
     * @return the token source
     * @throws IncusConfigurationException if the registration is not defined or cannot be used
     */
    IncusTokenSource tokenSource(String registration, String property, String principal);
}
