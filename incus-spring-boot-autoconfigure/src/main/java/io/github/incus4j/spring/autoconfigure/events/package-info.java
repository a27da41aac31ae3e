/**
 * The daemon's event stream as Spring application events ({@code incus.events.*}): the events, the
 * stream that publishes them, its health and its metrics.
 */
@NullMarked
package io.github.incus4j.spring.autoconfigure.events;

import org.jspecify.annotations.NullMarked;
