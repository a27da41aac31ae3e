package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;

/**
 * A dirty bitmap of a block volume (API extension {@code storage_volume_nbd}, not in Incus 6.0):
 * which blocks changed since it was made, the basis of incremental backups over NBD.
 *
 * @param name the bitmap name
 * @param count the number of dirty bytes
 * @param granularity the size in bytes that one bit stands for
 * @param busy whether an operation uses it
 * @param inconsistent whether it was stored improperly (a persistent bitmap after a crash)
 * @param persistent whether it is (or will be) stored on disk
 * @param recording whether it records new writes
 * @param extra fields this client version does not know
 */
public record StorageVolumeBitmap(
        String name,
        long count,
        long granularity,
        boolean busy,
        boolean inconsistent,
        boolean persistent,
        boolean recording,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the bitmap name
     * @param count the number of dirty bytes
     * @param granularity the size in bytes that one bit stands for
     * @param busy whether an operation uses it
     * @param inconsistent whether it was stored improperly (a persistent bitmap after a crash)
     * @param persistent whether it is (or will be) stored on disk
     * @param recording whether it records new writes
     * @param extra fields this client version does not know
     */
    public StorageVolumeBitmap {
        name = Wire.text(name);
        extra = Wire.map(extra);
    }
}
