package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A storage volume ({@code GET /1.0/storage-pools/{pool}/volumes/{type}/{name}}).
 *
 * @param name the name
 * @param type {@code custom}, {@code image}, {@code container} or {@code virtual-machine}
 * @param contentType {@code filesystem}, {@code block} or {@code iso}
 * @param description a free-form description
 * @param config the configuration keys
 * @param location the cluster member ({@code none} on a standalone server)
 * @param project the project it belongs to
 * @param createdAt when it was created
 * @param usedBy the URLs of the objects that use it
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record StorageVolume(
        String name,
        String type,
        String contentType,
        String description,
        Map<String, String> config,
        String location,
        String project,
        @Nullable Instant createdAt,
        List<String> usedBy,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param type {@code custom}, {@code image}, {@code container} or {@code virtual-machine}
     * @param contentType {@code filesystem}, {@code block} or {@code iso}
     * @param description a free-form description
     * @param config the configuration keys
     * @param location the cluster member ({@code none} on a standalone server)
     * @param project the project it belongs to
     * @param createdAt when it was created
     * @param usedBy the URLs of the objects that use it
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public StorageVolume {
        name = Wire.text(name);
        type = Wire.text(type);
        contentType = Wire.text(contentType);
        description = Wire.text(description);
        config = Wire.map(config);
        location = Wire.text(location);
        project = Wire.text(project);
        usedBy = Wire.list(usedBy);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public StorageVolumePut toPut() {
        return new StorageVolumePut(description, config, extra);
    }
}
