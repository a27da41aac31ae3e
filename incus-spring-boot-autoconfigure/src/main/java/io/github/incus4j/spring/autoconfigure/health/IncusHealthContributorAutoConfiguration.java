package io.github.incus4j.spring.autoconfigure.health;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.autoconfigure.IncusAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.IncusClients;
import io.github.incus4j.spring.autoconfigure.IncusConfigurationException;
import io.github.incus4j.spring.autoconfigure.IncusConnectionProperties;
import io.github.incus4j.spring.autoconfigure.IncusProperties;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * Registers the {@code incus} health contributor: one {@link IncusHealthIndicator} for the
 * {@link IncusClient} bean, or a composite with one child per client when there are several or
 * when named clients ({@code incus.clients.NAME}) are declared.
 *
 * <p>A named client's child is called by its name and follows {@code incus.clients.NAME.health.*};
 * {@code incus.clients.NAME.health.enabled=false} leaves it out. Any other client bean's child is
 * called by its bean name and follows {@code incus.health.*}. The whole contributor is turned off
 * with {@code management.health.incus.enabled=false}. It joins no probe group by itself: add it to
 * readiness with {@code management.endpoint.health.group.readiness.include=readinessState,incus},
 * never to liveness (a daemon outage would restart every replica).
 */
@AutoConfiguration(after = IncusAutoConfiguration.class)
@ConditionalOnClass({IncusClient.class, Mono.class, ReactiveHealthContributor.class,
        ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(IncusClient.class)
@ConditionalOnEnabledHealthIndicator("incus")
@EnableConfigurationProperties(IncusProperties.class)
public final class IncusHealthContributorAutoConfiguration {

    IncusHealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = {"incusHealthIndicator", "incusHealthContributor"})
    ReactiveHealthContributor incusHealthContributor(ConfigurableListableBeanFactory beanFactory,
            IncusProperties properties, ObjectProvider<IncusClients> registry) {
        Map<IncusClient, String> named = new IdentityHashMap<>();
        IncusClients clients = registry.getIfAvailable();
        if (clients != null) {
            clients.asMap().forEach((name, client) -> named.put(client, name));
        }
        Map<String, ReactiveHealthContributor> children = new LinkedHashMap<>();
        beanFactory.getBeansOfType(IncusClient.class).forEach((beanName, client) -> {
            if (!named.containsKey(client)) {
                add(children, beanName, client, properties, "incus.health");
            }
        });
        if (clients != null) {
            clients.asMap().forEach((name, client) -> add(children, name, client,
                    properties.getClients().getOrDefault(name, properties), "incus.clients." + name + ".health"));
        }
        if (named.isEmpty() && children.size() == 1) {
            return children.values().iterator().next();
        }
        return CompositeReactiveHealthContributor.fromMap(children);
    }

    private static void add(Map<String, ReactiveHealthContributor> children, String name, IncusClient client,
            IncusConnectionProperties settings, String prefix) {
        IncusConnectionProperties.Health health = settings.getHealth();
        if (health.isEnabled()) {
            children.put(name, new IncusHealthIndicator(client, timeout(health.getTimeout(), prefix),
                    health.isRequireTrusted(), maxOfflineMembers(health.getMaxOfflineMembers(), prefix)));
        }
    }

    private static Duration timeout(Duration timeout, String prefix) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            String property = prefix + ".timeout";
            throw new IncusConfigurationException(property, "Invalid " + property + ": it must be "
                    + "a positive duration, got " + timeout + ".", "Set " + property + " to a positive "
                    + "duration shorter than the timeout of the probes that include the indicator, such as 3s.",
                    null);
        }
        return timeout;
    }

    private static @Nullable Integer maxOfflineMembers(@Nullable Integer maxOfflineMembers, String prefix) {
        if (maxOfflineMembers != null && maxOfflineMembers < 0) {
            String property = prefix + ".max-offline-members";
            throw new IncusConfigurationException(property, "Invalid " + property + ": it must be 0 or more, got "
                    + maxOfflineMembers + ".", "Set " + property + " to the number of offline cluster members the "
                    + "application tolerates, or remove it to report offline members without going DOWN.", null);
        }
        return maxOfflineMembers;
    }
}
