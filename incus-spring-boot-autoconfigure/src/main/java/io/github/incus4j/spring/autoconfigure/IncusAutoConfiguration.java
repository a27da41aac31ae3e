package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures an {@link IncusClient} from the {@code incus.*} properties.
 *
 * <p>The client is built on a clone of the application's {@link WebClient.Builder} when Spring
 * Boot provides one (spring-boot-starter-webclient), so that its observations record
 * {@code http.client.requests} with templated URIs. No {@code ClientHttpConnector} bean is
 * defined: Spring Boot would apply it to every WebClient of the application. Building the client
 * contacts nothing, so an unreachable daemon never prevents startup.
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
        afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(IncusClient.class)
@ConditionalOnBooleanProperty(name = "incus.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IncusProperties.class)
public final class IncusAutoConfiguration {

    IncusAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    IncusClient incusClient(IncusProperties properties, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<IncusClientCustomizer> customizers) {
        return new IncusClientFactory(properties, sslBundles::getIfAvailable, webClientBuilder.getIfUnique(),
                customizers.orderedStream().toList()).create();
    }
}
