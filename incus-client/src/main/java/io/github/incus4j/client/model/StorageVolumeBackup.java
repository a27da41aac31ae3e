package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A backup of a custom storage volume
 * ({@code GET /1.0/storage-pools/{pool}/volumes/custom/{volume}/backups/{name}}).
 *
 * @param name the backup name
 * @param createdAt when it was made
 * @param expiresAt when the daemon deletes it; Incus writes {@code 0001-01-01T00:00:00Z} for never
 * @param volumeOnly whether it leaves the volume's snapshots out
 * @param optimizedStorage whether it uses the storage driver's own format
 * @param extra fields this client version does not know
 */
public record StorageVolumeBackup(
        String name,
        @Nullable Instant createdAt,
        @Nullable Instant expiresAt,
        boolean volumeOnly,
        boolean optimizedStorage,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the backup name
     * @param createdAt when it was made
     * @param expiresAt when the daemon deletes it; Incus writes {@code 0001-01-01T00:00:00Z} for never
     * @param volumeOnly whether it leaves the volume's snapshots out
     * @param optimizedStorage whether it uses the storage driver's own format
     * @param extra fields this client version does not know
     */
    public StorageVolumeBackup {
        name = Wire.text(name);
        extra = Wire.map(extra);
    }
}
