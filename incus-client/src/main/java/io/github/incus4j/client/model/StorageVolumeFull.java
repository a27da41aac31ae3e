package io.github.incus4j.client.model;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A storage volume with its snapshots, backups and state, as one request returns it (API extension
 * {@code storage_volume_full}, not in Incus 6.0: {@code ?recursion=1} on a volume,
 * {@code ?recursion=2} on the volumes of a type).
 *
 * @param volume the volume itself; its {@link StorageVolume#toPut()} serves a read-modify-write
 * @param snapshots its snapshots
 * @param backups its backups
 * @param state its usage, or {@code null} when the daemon did not send it
 */
@JsonDeserialize(using = FullDeserializer.OfStorageVolume.class)
public record StorageVolumeFull(
        StorageVolume volume,
        List<StorageVolumeSnapshot> snapshots,
        List<StorageVolumeBackup> backups,
        @Nullable StorageVolumeState state) {

    /**
     * Normalises missing fields.
     *
     * @param volume the volume itself; its {@link StorageVolume#toPut()} serves a read-modify-write
     * @param snapshots its snapshots
     * @param backups its backups
     * @param state its usage, or {@code null} when the daemon did not send it
     */
    public StorageVolumeFull {
        snapshots = Wire.list(snapshots);
        backups = Wire.list(backups);
    }
}
