package io.github.incus4j.spring.autoconfigure.warmup;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.autoconfigure.IncusAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link IncusClientWarmUp} that prepares the application's Incus clients in the
 * background once it is ready; off with {@code incus.warm-up.enabled=false}.
 */
@AutoConfiguration(after = IncusAutoConfiguration.class)
@ConditionalOnClass(IncusClient.class)
@ConditionalOnBooleanProperty(name = "incus.warm-up.enabled", matchIfMissing = true)
public final class IncusWarmUpAutoConfiguration {

    IncusWarmUpAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    IncusClientWarmUp incusClientWarmUp(ObjectProvider<IncusClient> clients) {
        return new IncusClientWarmUp(clients);
    }
}
