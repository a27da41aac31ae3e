package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A backup of an instance, as listed in {@link InstanceFull#backups()}.
 *
 * @param name the backup name
 * @param createdAt when it was made
 * @param expiresAt when it expires
 * @param instanceOnly whether it leaves the snapshots out
 * @param optimizedStorage whether it uses the storage driver's own format
 * @param extra fields this client version does not know
 */
public record InstanceBackup(
        String name,
        @Nullable Instant createdAt,
        @Nullable Instant expiresAt,
        boolean instanceOnly,
        boolean optimizedStorage,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the backup name
     * @param createdAt when it was made
     * @param expiresAt when it expires
     * @param instanceOnly whether it leaves the snapshots out
     * @param optimizedStorage whether it uses the storage driver's own format
     * @param extra fields this client version does not know
     */
    public InstanceBackup {
        name = Wire.text(name);
        extra = Wire.map(extra);
    }
}
