/**
 * Spring Boot test support for Incus: {@link io.github.incus4j.spring.test.IncusServiceConnection}
 * and {@link io.github.incus4j.spring.test.IncusClusterServiceConnection} point the
 * {@code IncusClient} of a {@code @SpringBootTest} at the throw-away daemon or cluster of
 * {@code incus-test}, and {@link io.github.incus4j.spring.test.IncusTestConnectionDetails} does the
 * same for a daemon or cluster a test started itself.
 */
@NullMarked
package io.github.incus4j.spring.test;

import org.jspecify.annotations.NullMarked;
