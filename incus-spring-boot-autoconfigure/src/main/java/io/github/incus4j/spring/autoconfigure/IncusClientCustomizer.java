package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusClientBuilder;

/**
 * A callback that adjusts the {@link IncusClientBuilder} of the auto-configured
 * {@link io.github.incus4j.client.IncusClient} for what the {@code incus.*} properties do not cover,
 * such as key managers from a hardware token.
 *
 * <p>Customizers run after the properties were applied, in the order of {@code @Order} or
 * {@link org.springframework.core.Ordered}; a later one wins.
 */
@FunctionalInterface
public interface IncusClientCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the builder, already configured from the properties
     */
    void customize(IncusClientBuilder builder);
}
