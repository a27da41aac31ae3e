package io.github.incus4j.spring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * {@code incus.oidc.registration} with Spring Security's OAuth2 client, when it is on the class
 * path: imported by {@link IncusAutoConfiguration}, skipped (with its Spring Security types)
 * otherwise.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager",
        "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties"})
final class OAuth2ClientTokensConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RegistrationTokenSources incusRegistrationTokenSources(Environment environment,
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<OAuth2AuthorizedClientService> authorizedClients) {
        return new OAuth2ClientTokenSources(environment, registrations::getIfAvailable,
                authorizedClients::getIfAvailable);
    }
}
