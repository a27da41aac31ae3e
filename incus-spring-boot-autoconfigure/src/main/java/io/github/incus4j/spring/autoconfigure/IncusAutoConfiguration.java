package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures an {@link IncusClient} from the {@code incus.*} properties, and one more per
 * {@code incus.clients.NAME.*} with the {@link IncusClients} registry.
 *
 * <p>The clients are built on a {@link WebClient.Builder} with the application's
 * {@code WebClientCustomizer} beans applied (spring-boot-starter-webclient), as Spring Boot's own
 * builder is, but never on a {@code WebClient.Builder} bean of the application, which is usually
 * made for another service ({@link ApplicationWebClientBuilder}). Each client is named in its
 * observations: {@code default} for {@code incus.*}, NAME for {@code incus.clients.NAME}. No
 * {@code ClientHttpConnector} bean is defined: Spring Boot would apply it to every WebClient of
 * the application. Building a client contacts nothing, so an unreachable daemon never prevents
 * startup.
 *
 * <p>The unnamed client is built from the {@link IncusConnectionDetails} bean: the application's
 * own (a secret store, service discovery), else {@link PropertiesIncusConnectionDetails} from
 * {@code incus.*}. It is {@code @Primary}, so that it is the one injected without a qualifier next
 * to named clients. Once named clients are declared it exists only when it is configured
 * ({@code incus.url}, {@code incus.socket-path} or {@code incus.remote}, or the application's own
 * details), so that a local socket nobody asked for is not in the health.
 *
 * <p>Certificates, keys and keystores are read with Spring Boot's PEM and keystore support from
 * locations resolved as {@code spring.ssl.bundle.*} resolves them, or from the PEM text itself.
 * A client certificate given by properties is registered as an SSL bundle named after the
 * properties' prefix, so that Spring Boot's ssl health and info report its validity
 * ({@link SslBundleRegistration}).
 *
 * <p>OpenID Connect: {@code incus.oidc.token} sends a fixed bearer token;
 * {@code incus.oidc.registration} names a Spring Security OAuth2 client registration whose
 * {@code client_credentials} tokens Spring Security obtains and renews (only with Spring Security's
 * OAuth2 client on the class path, {@link OAuth2ClientTokensConfiguration}); an {@code incus.remote}
 * of type {@code oidc} uses the tokens the command line stored ({@link CliOidcTokens}).
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
        afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(IncusClient.class)
@ConditionalOnBooleanProperty(name = "incus.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IncusProperties.class)
@Import({IncusClientsRegistrar.class, OAuth2ClientTokensConfiguration.class})
public final class IncusAutoConfiguration {

    private final ResourceLoader resourceLoader;
    private final Supplier<WebClient.@Nullable Builder> webClientBuilder;

    IncusAutoConfiguration(ResourceLoader resourceLoader, BeanFactory beanFactory) {
        // As SslAutoConfiguration resolves spring.ssl.bundle.* locations: classpath:, file:, plain paths as files.
        this.resourceLoader = ApplicationResourceLoader.get(resourceLoader, true);
        this.webClientBuilder = ApplicationWebClientBuilder.of(beanFactory);
    }

    @Bean
    @ConditionalOnMissingBean(IncusConnectionDetails.class)
    @Conditional(UnnamedClientCondition.class)
    PropertiesIncusConnectionDetails incusConnectionDetails(IncusProperties properties, Environment environment,
            ObjectProvider<SslBundles> sslBundles, ObjectProvider<SslProperties> sslProperties,
            ObjectProvider<RegistrationTokenSources> registrationTokens) {
        return details(properties, "incus", null, environment, sslBundles, sslProperties, registrationTokens);
    }

    @Bean(destroyMethod = "close")
    @Primary
    @ConditionalOnMissingBean
    @ConditionalOnBean(IncusConnectionDetails.class)
    IncusClient incusClient(IncusConnectionDetails incusConnectionDetails, IncusProperties properties,
            ObjectProvider<SslBundles> sslBundles, ObjectProvider<SslBundleRegistry> sslBundleRegistry,
            ObjectProvider<IncusClientCustomizer> customizers) {
        IncusClient client = new IncusClientFactory(properties, "incus", sslBundles::getIfAvailable,
                webClientBuilder, customizers.orderedStream().toList()).create(incusConnectionDetails);
        if (incusConnectionDetails instanceof PropertiesIncusConnectionDetails fromProperties) {
            SslBundleRegistration.register(sslBundleRegistry.getIfAvailable(), fromProperties);
        }
        return client;
    }

    @Bean(name = IncusClientsRegistrar.REGISTRY_BEAN, destroyMethod = "close")
    @ConditionalOnMissingBean
    IncusClients incusClients(IncusProperties properties, Environment environment,
            ObjectProvider<SslBundles> sslBundles, ObjectProvider<SslBundleRegistry> sslBundleRegistry,
            ObjectProvider<SslProperties> sslProperties, ObjectProvider<IncusClientCustomizer> customizers,
            ObjectProvider<RegistrationTokenSources> registrationTokens) {
        List<IncusClientCustomizer> ordered = customizers.orderedStream().toList();
        Map<String, IncusClient> clients = new LinkedHashMap<>();
        try {
            properties.getClients().forEach((name, settings) -> {
                String prefix = "incus.clients." + name;
                PropertiesIncusConnectionDetails details = details(settings, prefix, properties.getCliConfigDir(),
                        environment, sslBundles, sslProperties, registrationTokens);
                clients.put(name, new IncusClientFactory(settings, prefix, sslBundles::getIfAvailable,
                        webClientBuilder, ordered).create(details));
                SslBundleRegistration.register(sslBundleRegistry.getIfAvailable(), details);
            });
        } catch (RuntimeException e) {
            clients.values().forEach(IncusClient::close);
            throw e;
        }
        return new IncusClients(clients);
    }

    private PropertiesIncusConnectionDetails details(IncusConnectionProperties settings, String prefix,
            @Nullable Path fallbackCliConfigDir, Environment environment, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<SslProperties> sslProperties, ObjectProvider<RegistrationTokenSources> registrationTokens) {
        return new PropertiesIncusConnectionDetails(settings, prefix, fallbackCliConfigDir, environment::getProperty,
                resourceLoader, PropertiesIncusConnectionDetails.origins(environment), sslBundles::getIfAvailable,
                name -> bundleKind(sslProperties.getIfAvailable(), name), registrationTokens::getIfAvailable);
    }

    /** Whether a bundle is defined by spring.ssl.bundle.pem or .jks properties, for messages naming its keys. */
    private static @Nullable String bundleKind(@Nullable SslProperties properties, String name) {
        if (properties == null) {
            return null;
        }
        if (properties.getBundle().getPem().containsKey(name)) {
            return "pem";
        }
        return properties.getBundle().getJks().containsKey(name) ? "jks" : null;
    }

    /**
     * Matches unless named clients are declared and the unnamed one is not configured.
     */
    static final class UnnamedClientCondition extends SpringBootCondition {

        // Not incus.cli-config-dir: it also tells named clients where the command line's configuration is.
        private static final List<String> ENDPOINT_PROPERTIES = List.of("incus.url", "incus.socket-path",
                "incus.remote");

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (IncusClientsRegistrar.names(context.getEnvironment()).isEmpty()) {
                return ConditionOutcome.match("no named clients (incus.clients) are declared");
            }
            Binder binder = Binder.get(context.getEnvironment());
            for (String property : ENDPOINT_PROPERTIES) {
                if (binder.bind(property, String.class).isBound()) {
                    return ConditionOutcome.match("named clients are declared and " + property + " is set");
                }
            }
            return ConditionOutcome.noMatch("named clients (incus.clients) are declared and none of "
                    + ENDPOINT_PROPERTIES + " is set");
        }
    }
}
