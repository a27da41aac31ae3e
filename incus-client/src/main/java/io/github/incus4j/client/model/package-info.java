/**
 * The wire types of the Incus REST API as Java records.
 *
 * <p>Conventions shared by every record in this package:
 * <ul>
 *   <li>JSON names are the record components in {@code snake_case}; the few names Incus writes
 *       differently carry a {@code @JsonProperty}.</li>
 *   <li>Unknown fields are tolerated. Records that are written back to the daemon (the
 *       {@code *Put} types and the objects they are derived from) keep them in an {@code extra}
 *       map that is written out again, so a read-modify-write with an older client loses
 *       nothing a newer daemon sent.</li>
 *   <li>Missing fields are tolerated: strings become {@code ""}, collections become empty and
 *       immutable, and only nested objects that the daemon may omit are {@code null}
 *       (marked {@code @Nullable}).</li>
 *   <li>Timestamps are {@link java.time.Instant}s; the daemon's "zero time"
 *       ({@code 0001-01-01T00:00:00Z}) is kept as it is.</li>
 * </ul>
 */
@NullMarked
package io.github.incus4j.client.model;

import org.jspecify.annotations.NullMarked;
