package io.github.incus4j.spring.autoconfigure.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Binds the {@link IncusEventStream}'s meters ({@code incus.events.received}, {@code .dropped},
 * {@code .reconnects}, {@code .connected}) to the application's meter registries, through Spring
 * Boot's binding of {@link MeterBinder} beans.
 */
@AutoConfiguration(after = IncusEventsAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean({IncusEventStream.class, MeterRegistry.class})
public final class IncusEventsMetricsAutoConfiguration {

    IncusEventsMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "incusEventsMetrics")
    MeterBinder incusEventsMetrics(IncusEventStream incusEventStream) {
        return new IncusEventsMetrics(incusEventStream);
    }
}
