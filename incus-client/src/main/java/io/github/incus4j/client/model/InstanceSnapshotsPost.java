package io.github.incus4j.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The body that takes a snapshot of an instance ({@code POST /1.0/instances/{name}/snapshots}).
 *
 * <pre>{@code
 * InstanceSnapshotsPost.named("before-upgrade").expiringAt(Instant.now().plus(Duration.ofDays(7)))
 * }</pre>
 *
 * @param name the snapshot name; empty lets the daemon pick one from the instance's
 *     {@code snapshots.pattern} ({@code snap0}, {@code snap1}, ...)
 * @param stateful whether to save the running state too (virtual machines, or containers with
 *     CRIU); the daemon refuses it where unsupported
 * @param expiresAt when the daemon deletes the snapshot by itself; {@code null} for the instance's
 *     {@code snapshots.expiry} default
 */
public record InstanceSnapshotsPost(String name, boolean stateful, @Nullable Instant expiresAt) {

    /**
     * Normalises a missing name.
     *
     * @param name the snapshot name; empty lets the daemon pick one from the instance's {@code
     *     snapshots.pattern} ({@code snap0}, {@code snap1}, ...)
     * @param stateful whether to save the running state too (virtual machines, or containers with
     *     CRIU); the daemon refuses it where unsupported
     * @param expiresAt when the daemon deletes the snapshot by itself; {@code null} for the instance's
     *     {@code snapshots.expiry} default
     */
    public InstanceSnapshotsPost {
        name = Wire.text(name);
    }

    /**
     * A stateless snapshot with the given name and the default expiry.
     *
     * @param name the snapshot name
     * @return the body
     */
    public static InstanceSnapshotsPost named(String name) {
        return new InstanceSnapshotsPost(name, false, null);
    }

    /**
     * Returns a copy that saves or leaves out the running state.
     *
     * @param value whether the snapshot is stateful
     * @return the changed copy
     */
    public InstanceSnapshotsPost withStateful(boolean value) {
        return new InstanceSnapshotsPost(name, value, expiresAt);
    }

    /**
     * Returns a copy that expires at the given time.
     *
     * @param time when the daemon deletes the snapshot
     * @return the changed copy
     */
    public InstanceSnapshotsPost expiringAt(@Nullable Instant time) {
        return new InstanceSnapshotsPost(name, stateful, time);
    }
}
