package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The writable part of a volume snapshot ({@code PUT} and {@code PATCH} of a snapshot).
 *
 * @param description a free-form description
 * @param expiresAt when it expires
 * @param extra fields this client version does not know, written back unchanged
 */
public record StorageVolumeSnapshotPut(
        String description,
        @Nullable Instant expiresAt,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param expiresAt when it expires
     * @param extra fields this client version does not know, written back unchanged
     */
    public StorageVolumeSnapshotPut {
        description = Wire.text(description);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public StorageVolumeSnapshotPut withDescription(String newDescription) {
        return new StorageVolumeSnapshotPut(newDescription, expiresAt, extra);
    }
}
