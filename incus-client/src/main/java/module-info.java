/**
 * A reactive Java client for the Incus REST API, over the daemon's Unix socket and over HTTPS with
 * mutual TLS.
 *
 * <p>The public API is three packages: {@code io.github.incus4j.client} (the entry point
 * {@link io.github.incus4j.client.IncusClient}, its builder, one class per resource area, operation
 * handles, exec and console sessions, list options, filters and ETags),
 * {@code io.github.incus4j.client.exception} (one unchecked hierarchy under
 * {@link io.github.incus4j.client.exception.IncusException}) and {@code io.github.incus4j.client.model}
 * (records of what the daemon sends and takes). Everything under
 * {@code io.github.incus4j.client.internal} may change in any release and is not exported.
 */
module io.github.incus4j.client {
    // In public signatures: Mono/Flux, Publisher, DataBuffer (file and stdin streams), the
    // WebClient.Builder and ObservationRegistry hooks of IncusClientBuilder, JSpecify's nullness
    // annotations, and the Jackson annotations of the model records.
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires transitive spring.core;
    requires transitive spring.webflux;
    requires transitive com.fasterxml.jackson.annotation;
    // Spring's web module needs it anyway (WebClient observes through it); the client only records
    // anything when given a registry.
    requires transitive micrometer.observation;
    requires static transitive org.jspecify;

    requires spring.web;
    requires micrometer.commons;
    requires spring.context;
    requires reactor.netty.core;
    requires reactor.netty.http;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    // Not read by this module's code, but loaded by Reactor Netty (an automatic module, which
    // reads only what something else made part of the module graph): the resolver it builds for
    // every client.
    requires io.netty.resolver.dns;
    requires io.netty.codec.http2;
    requires io.netty.handler.proxy;
    requires io.netty.codec.classes.quic;
    requires io.netty.codec.http3;
    requires tools.jackson.core;
    requires tools.jackson.databind;
    requires org.apache.commons.logging;
    // The user id where /proc is missing; optional in a trimmed runtime (catch LinkageError).
    requires static jdk.security.auth;

    exports io.github.incus4j.client;
    exports io.github.incus4j.client.exception;
    exports io.github.incus4j.client.model;

    // Jackson reads and writes the records (and the client's request bodies) reflectively.
    opens io.github.incus4j.client to tools.jackson.databind;
    opens io.github.incus4j.client.model to tools.jackson.databind;
    opens io.github.incus4j.client.internal.protocol to tools.jackson.databind;

    // Spring's AOT engine instantiates the hints registrar named in META-INF/spring/aot.factories.
    opens io.github.incus4j.client.internal.aot to spring.core;
}
