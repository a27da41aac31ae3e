/**
 * Preparing the Incus clients' transports in the background once the application is ready, so
 * that the first call is about as fast as the later ones.
 */
@NullMarked
package io.github.incus4j.spring.autoconfigure.warmup;

import org.jspecify.annotations.NullMarked;
