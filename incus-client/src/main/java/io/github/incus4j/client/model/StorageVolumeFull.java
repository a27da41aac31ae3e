package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A storage volume with its snapshots, backups and state, as one request returns it (API extension
 * {@code storage_volume_full}, not in Incus 6.0: {@code ?recursion=1} on a volume,
 * {@code ?recursion=2} on the volumes of a type).
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
 * @param snapshots its snapshots
 * @param backups its backups
 * @param state its usage, or {@code null} when the daemon did not send it
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record StorageVolumeFull(
        String name,
        String type,
        String contentType,
        String description,
        Map<String, String> config,
        String location,
        String project,
        @Nullable Instant createdAt,
        List<String> usedBy,
        List<StorageVolumeSnapshot> snapshots,
        List<StorageVolumeBackup> backups,
        @Nullable StorageVolumeState state,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /** Normalises missing fields. */
    public StorageVolumeFull {
        name = Wire.text(name);
        type = Wire.text(type);
        contentType = Wire.text(contentType);
        description = Wire.text(description);
        config = Wire.map(config);
        location = Wire.text(location);
        project = Wire.text(project);
        usedBy = Wire.list(usedBy);
        snapshots = Wire.list(snapshots);
        backups = Wire.list(backups);
        extra = Wire.map(extra);
    }

    /**
     * Returns the volume without its snapshots, backups and state.
     *
     * @return the volume
     */
    public StorageVolume volume() {
        return new StorageVolume(name, type, contentType, description, config, location, project, createdAt, usedBy,
                extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}.
     *
     * @return the writable part
     */
    public StorageVolumePut toPut() {
        return new StorageVolumePut(description, config, extra);
    }
}
