/**
 * Observations of the Incus clients through the application's Micrometer {@code ObservationRegistry}.
 */
@NullMarked
package io.github.incus4j.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
