/**
 * Spring Boot auto-configuration of the Incus client: the {@code incus.*}
 * {@link io.github.incus4j.spring.autoconfigure.IncusProperties properties}, the
 * {@link io.github.incus4j.spring.autoconfigure.IncusConnectionDetails connection details} they
 * give (or the application's own), the {@link io.github.incus4j.client.IncusClient} bean with its
 * {@link io.github.incus4j.spring.autoconfigure.IncusClientCustomizer customizers}, TLS material
 * read the way Spring Boot reads SSL bundles, and the startup report for bad settings.
 */
@NullMarked
package io.github.incus4j.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
