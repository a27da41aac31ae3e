/**
 * Spring Boot auto-configuration of the Incus client: the {@code incus.*}
 * {@link io.github.incus4j.spring.autoconfigure.IncusProperties properties}, the
 * {@link io.github.incus4j.client.IncusClient} bean with its
 * {@link io.github.incus4j.spring.autoconfigure.IncusClientCustomizer customizers}, SSL bundle
 * support, and the startup report for bad settings.
 */
@NullMarked
package io.github.incus4j.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
