/**
 * The transport layer: how bytes reach the daemon.
 *
 * <p>Unix socket path resolution ({@link io.github.incus4j.client.internal.transport.UnixSocketResolver}),
 * the Reactor Netty connectors for the Unix socket and for HTTPS, TLS with mutual authentication
 * and certificate pinning ({@link io.github.incus4j.client.internal.transport.TlsSettings},
 * {@link io.github.incus4j.client.internal.transport.ClientKeys}), and the translation of low-level
 * connection failures into {@link io.github.incus4j.client.exception.IncusConnectionException}s that say
 * what to do. Applications configure all of this through
 * {@link io.github.incus4j.client.IncusClient#builder()}; the types are public for that builder
 * and for the Spring Boot auto-configuration.
 */
@NullMarked
package io.github.incus4j.client.internal.transport;

import org.jspecify.annotations.NullMarked;
