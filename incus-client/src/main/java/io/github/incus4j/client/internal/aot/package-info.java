/**
 * Ahead-of-time support: the reflection that the client's JSON mapping needs in a GraalVM native
 * image, as Spring {@code RuntimeHints} (registered in {@code META-INF/spring/aot.factories}) and
 * as the GraalVM reachability metadata file generated from them when the client is built.
 *
 * <p>Nothing here runs in an application: Spring's AOT engine calls the registrar at build time,
 * and the generator runs in the client's own build. The types may change between versions.
 */
@NullMarked
package io.github.incus4j.client.internal.aot;

import org.jspecify.annotations.NullMarked;
