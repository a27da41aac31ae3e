/**
 * An Incus stand-in for unit tests: {@link io.github.incus4j.test.wiremock.IncusStandIn} answers
 * like an Incus daemon over HTTPS and a Unix socket, so code built on {@code IncusClient} can be
 * tested without a daemon and without root.
 */
@NullMarked
package io.github.incus4j.test.wiremock;

import org.jspecify.annotations.NullMarked;
