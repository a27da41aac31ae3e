/**
 * A reactive Java client for the Incus REST API.
 *
 * <p>Start with {@link io.github.incus4j.client.IncusClient#builder()}. The exceptions of the client
 * live here too: {@link io.github.incus4j.client.exception.IncusException} and its subclasses.
 */
@NullMarked
package io.github.incus4j.client;

import org.jspecify.annotations.NullMarked;
