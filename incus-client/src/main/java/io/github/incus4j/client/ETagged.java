package io.github.incus4j.client;

import org.jspecify.annotations.Nullable;

/**
 * An object read from the daemon together with its ETag.
 *
 * <p>Send the ETag back with an update ({@code If-Match}) so that the update fails with
 * {@link io.github.incus4j.client.exception.IncusPreconditionFailedException} instead of overwriting a
 * change someone else made in the meantime.
 *
 * @param value the object
 * @param etag the ETag header as the daemon sent it (quotes included), or {@code null} when the
 *     daemon sent none
 * @param <T> the type of the object
 */
public record ETagged<T>(T value, @Nullable String etag) {
}
