package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a storage volume.
 *
 * @param name the name
 * @param description a free-form description
 * @param config the configuration keys
 * @param contentType {@code filesystem} or {@code block}
 * @param createdAt when it was taken
 * @param expiresAt when it expires; the zero time {@code 0001-01-01T00:00:00Z} for never
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record StorageVolumeSnapshot(
        String name,
        String description,
        Map<String, String> config,
        String contentType,
        @Nullable Instant createdAt,
        @Nullable Instant expiresAt,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param description a free-form description
     * @param config the configuration keys
     * @param contentType {@code filesystem} or {@code block}
     * @param createdAt when it was taken
     * @param expiresAt when it expires; the zero time {@code 0001-01-01T00:00:00Z} for never
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public StorageVolumeSnapshot {
        name = Wire.text(name);
        description = Wire.text(description);
        config = Wire.map(config);
        contentType = Wire.text(contentType);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public StorageVolumeSnapshotPut toPut() {
        return new StorageVolumeSnapshotPut(description, expiresAt, extra);
    }
}
