package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of an instance, as listed in {@link InstanceFull#snapshots()}.
 *
 * @param name the snapshot name
 * @param description its description
 * @param createdAt when it was taken
 * @param expiresAt when it expires, {@code null} or the zero time when never
 * @param lastUsedAt when it was last used
 * @param stateful whether it holds the running state
 * @param size its size in bytes, -1 when unknown
 * @param architecture the instance architecture
 * @param config the configuration at the time of the snapshot
 * @param devices the devices at the time of the snapshot
 * @param ephemeral whether the instance was ephemeral
 * @param profiles the profiles at the time of the snapshot
 * @param extra fields this client version does not know
 */
public record InstanceSnapshot(
        String name,
        String description,
        @Nullable Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        boolean stateful,
        long size,
        String architecture,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        boolean ephemeral,
        List<String> profiles,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the snapshot name
     * @param description its description
     * @param createdAt when it was taken
     * @param expiresAt when it expires, {@code null} or the zero time when never
     * @param lastUsedAt when it was last used
     * @param stateful whether it holds the running state
     * @param size its size in bytes, -1 when unknown
     * @param architecture the instance architecture
     * @param config the configuration at the time of the snapshot
     * @param devices the devices at the time of the snapshot
     * @param ephemeral whether the instance was ephemeral
     * @param profiles the profiles at the time of the snapshot
     * @param extra fields this client version does not know
     */
    public InstanceSnapshot {
        name = Wire.text(name);
        description = Wire.text(description);
        architecture = Wire.text(architecture);
        config = Wire.map(config);
        devices = Wire.map(devices);
        profiles = Wire.list(profiles);
        extra = Wire.map(extra);
    }
}
