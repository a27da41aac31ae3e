package io.github.incus4j.spring.autoconfigure.health;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.autoconfigure.IncusAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.IncusConfigurationException;
import io.github.incus4j.spring.autoconfigure.IncusProperties;
import java.time.Duration;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.CompositeReactiveHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * Registers the {@code incus} health contributor: one {@link IncusHealthIndicator} for the
 * {@link IncusClient} bean, or a composite keyed by bean name when there are several.
 *
 * <p>Turned off with {@code management.health.incus.enabled=false}. It joins no probe group by
 * itself: add it to readiness with
 * {@code management.endpoint.health.group.readiness.include=readinessState,incus}, never to
 * liveness (a daemon outage would restart every replica).
 */
@AutoConfiguration(after = IncusAutoConfiguration.class)
@ConditionalOnClass({IncusClient.class, Mono.class, ReactiveHealthContributor.class,
        ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(IncusClient.class)
@ConditionalOnEnabledHealthIndicator("incus")
@EnableConfigurationProperties(IncusProperties.class)
public final class IncusHealthContributorAutoConfiguration
        extends CompositeReactiveHealthContributorConfiguration<IncusHealthIndicator, IncusClient> {

    IncusHealthContributorAutoConfiguration(IncusProperties properties) {
        super(client -> new IncusHealthIndicator(client, timeout(properties), properties.getHealth().isRequireTrusted()));
    }

    @Bean
    @ConditionalOnMissingBean(name = {"incusHealthIndicator", "incusHealthContributor"})
    ReactiveHealthContributor incusHealthContributor(ConfigurableListableBeanFactory beanFactory) {
        return createContributor(beanFactory, IncusClient.class);
    }

    private static Duration timeout(IncusProperties properties) {
        Duration timeout = properties.getHealth().getTimeout();
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IncusConfigurationException("incus.health.timeout", "Invalid incus.health.timeout: it must be "
                    + "a positive duration, got " + timeout + ".", "Set incus.health.timeout to a positive "
                    + "duration shorter than the timeout of the probes that include the indicator, such as 3s.",
                    null);
        }
        return timeout;
    }
}
