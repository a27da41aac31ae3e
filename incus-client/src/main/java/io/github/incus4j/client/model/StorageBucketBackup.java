package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A backup of a storage bucket ({@code GET /1.0/storage-pools/{pool}/buckets/{bucket}/backups/{name}}).
 *
 * @param name the backup name
 * @param createdAt when it was made
 * @param expiresAt when the daemon deletes it; Incus writes {@code 0001-01-01T00:00:00Z} for never
 * @param extra fields this client version does not know
 */
public record StorageBucketBackup(
        String name,
        @Nullable Instant createdAt,
        @Nullable Instant expiresAt,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the backup name
     * @param createdAt when it was made
     * @param expiresAt when the daemon deletes it; Incus writes {@code 0001-01-01T00:00:00Z} for never
     * @param extra fields this client version does not know
     */
    public StorageBucketBackup {
        name = Wire.text(name);
        extra = Wire.map(extra);
    }
}
