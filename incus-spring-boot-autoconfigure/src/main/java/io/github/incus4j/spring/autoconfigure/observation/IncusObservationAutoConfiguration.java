package io.github.incus4j.spring.autoconfigure.observation;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.autoconfigure.IncusClientCustomizer;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Gives every auto-configured {@link IncusClient} the application's {@link ObservationRegistry}, so
 * that its exchanges ({@code incus.client.requests}), websocket sessions
 * ({@code incus.client.sessions}) and raw upgrades ({@code incus.client.upgrades}) are observed,
 * tagged with the client's name; with Spring Boot's actuator they become metrics and traces.
 *
 * <p>The registry is handed to the client directly rather than through a {@code WebClient.Builder},
 * so that no WebClient set-up of the application can leave the client unobserved. Spring Boot's
 * {@code management.observations.enable.incus=false} turns the client's observations off.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({IncusClient.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
public final class IncusObservationAutoConfiguration {

    IncusObservationAutoConfiguration() {
    }

    /**
     * Sets the registry on each client's builder; first, so that the application's own
     * customizers may still replace it.
     *
     * @param observationRegistry the application's registry
     * @return the customizer
     */
    @Bean
    @Order(0)
    @ConditionalOnMissingBean(name = "incusObservationCustomizer")
    IncusClientCustomizer incusObservationCustomizer(ObservationRegistry observationRegistry) {
        return builder -> builder.observationRegistry(observationRegistry);
    }
}
