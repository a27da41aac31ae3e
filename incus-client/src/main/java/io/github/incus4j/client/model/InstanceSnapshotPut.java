package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The writable part of an instance snapshot ({@code PUT /1.0/instances/{name}/snapshots/{snapshot}}).
 *
 * @param expiresAt when the daemon deletes the snapshot; {@code null} or the zero time for never
 * @param extra writable fields this client version does not know, sent back unchanged
 */
public record InstanceSnapshotPut(
        @Nullable Instant expiresAt,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param expiresAt when the daemon deletes the snapshot; {@code null} or the zero time for never
     * @param extra writable fields this client version does not know, sent back unchanged
     */
    public InstanceSnapshotPut {
        extra = Wire.map(extra);
    }

    /**
     * The writable part of a snapshot as read, to change and send back.
     *
     * @param snapshot the snapshot from a read
     * @return its writable part
     */
    public static InstanceSnapshotPut from(InstanceSnapshot snapshot) {
        return new InstanceSnapshotPut(snapshot.expiresAt(), Map.of());
    }

    /**
     * A snapshot that expires at the given time.
     *
     * @param time when the daemon deletes the snapshot
     * @return the writable part
     */
    public static InstanceSnapshotPut expiringAt(@Nullable Instant time) {
        return new InstanceSnapshotPut(time, Map.of());
    }
}
