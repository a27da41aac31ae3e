package io.github.incus4j.spring.autoconfigure.events;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@code incusEvents} health indicator for the {@link IncusEventStream}; turned off
 * with {@code management.health.incus-events.enabled=false}. It joins no probe group by itself.
 */
@AutoConfiguration(after = IncusEventsAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(IncusEventStream.class)
@ConditionalOnEnabledHealthIndicator("incus-events")
public final class IncusEventsHealthContributorAutoConfiguration {

    IncusEventsHealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "incusEventsHealthIndicator")
    IncusEventsHealthIndicator incusEventsHealthIndicator(IncusEventStream incusEventStream) {
        return new IncusEventsHealthIndicator(incusEventStream);
    }
}
