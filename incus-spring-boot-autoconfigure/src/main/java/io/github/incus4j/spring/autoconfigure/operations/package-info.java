/**
 * Waiting for Incus background operations with the application's defaults, and their progress.
 */
@NullMarked
package io.github.incus4j.spring.autoconfigure.operations;

import org.jspecify.annotations.NullMarked;
