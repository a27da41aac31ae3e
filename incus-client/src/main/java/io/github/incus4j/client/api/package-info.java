/**
 * The API layer: one class per resource area of the Incus REST API, reached from
 * {@link io.github.incus4j.client.IncusClient} ({@code client.instances()}, {@code client.images()},
 * ...). Every method returns a {@code Mono} or {@code Flux} and sends nothing until subscribed;
 * calls that start a background operation return an {@link io.github.incus4j.client.api.OperationHandle}.
 */
@NullMarked
package io.github.incus4j.client.api;

import org.jspecify.annotations.NullMarked;
