/**
 * The {@code incus} health indicator and its auto-configuration.
 */
@NullMarked
package io.github.incus4j.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
