/**
 * The Incus protocol: requests, the response envelope, errors, ETags, query parameters and
 * operations, independent of the transport and of any resource area.
 *
 * <p>Most types here are used by the API layer ({@code io.github.incus4j.client}) and are
 * public only because Java packages cannot share otherwise; applications use
 * {@link io.github.incus4j.client.Filter} and
 * {@link io.github.incus4j.client.ETagged}, the rest may change between versions.
 */
@NullMarked
package io.github.incus4j.client.internal.protocol;

import org.jspecify.annotations.NullMarked;
