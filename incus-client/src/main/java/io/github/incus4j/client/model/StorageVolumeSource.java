package io.github.incus4j.client.model;

import java.util.Map;

/**
 * Where a new storage volume comes from ({@code source} of {@link StorageVolumesPost}): a copy of
 * another volume, or a migration from another server.
 *
 * @param type {@code copy} or {@code migration}
 * @param name the source volume's name (for a copy)
 * @param pool the source volume's pool (for a copy); empty for the target pool
 * @param project the source volume's project; empty for the client's
 * @param location the cluster member the source is on; empty on a standalone server
 * @param volumeOnly {@code true} to leave the snapshots out
 * @param refresh {@code true} to update an existing target volume instead of failing
 * @param refreshExcludeOlder with {@code refresh}, {@code true} to skip source snapshots older than
 *     the target's newest
 * @param mode {@code pull} or {@code push} (for a migration)
 * @param operation the source operation's URL (for a migration)
 * @param certificate the source server's certificate (for a migration)
 * @param secrets the source operation's websocket secrets (for a migration)
 */
public record StorageVolumeSource(
        String type,
        String name,
        String pool,
        String project,
        String location,
        boolean volumeOnly,
        boolean refresh,
        boolean refreshExcludeOlder,
        String mode,
        String operation,
        String certificate,
        Map<String, String> secrets) {

    /**
     * Normalises missing fields.
     *
     * @param type {@code copy} or {@code migration}
     * @param name the source volume's name (for a copy)
     * @param pool the source volume's pool (for a copy); empty for the target pool
     * @param project the source volume's project; empty for the client's
     * @param location the cluster member the source is on; empty on a standalone server
     * @param volumeOnly {@code true} to leave the snapshots out
     * @param refresh {@code true} to update an existing target volume instead of failing
     * @param refreshExcludeOlder with {@code refresh}, {@code true} to skip source snapshots older
     *     than the target's newest
     * @param mode {@code pull} or {@code push} (for a migration)
     * @param operation the source operation's URL (for a migration)
     * @param certificate the source server's certificate (for a migration)
     * @param secrets the source operation's websocket secrets (for a migration)
     */
    public StorageVolumeSource {
        type = Wire.text(type);
        name = Wire.text(name);
        pool = Wire.text(pool);
        project = Wire.text(project);
        location = Wire.text(location);
        mode = Wire.text(mode);
        operation = Wire.text(operation);
        certificate = Wire.text(certificate);
        secrets = Wire.map(secrets);
    }

    /**
     * A copy of a volume, with its snapshots.
     *
     * @param pool the source volume's pool
     * @param name the source volume's name
     * @return the source
     */
    public static StorageVolumeSource copy(String pool, String name) {
        return new StorageVolumeSource("copy", name, pool, "", "", false, false, false, "", "", "", Map.of());
    }

    /**
     * Returns a copy that takes the volume from another project.
     *
     * @param value the source project
     * @return the changed copy
     */
    public StorageVolumeSource fromProject(String value) {
        return new StorageVolumeSource(type, name, pool, value, location, volumeOnly, refresh, refreshExcludeOlder,
                mode, operation, certificate, secrets);
    }

    /**
     * Returns a copy that leaves the snapshots out or keeps them.
     *
     * @param value {@code true} to copy the volume alone
     * @return the changed copy
     */
    public StorageVolumeSource withVolumeOnly(boolean value) {
        return new StorageVolumeSource(type, name, pool, project, location, value, refresh, refreshExcludeOlder,
                mode, operation, certificate, secrets);
    }

    /**
     * Returns a copy that refreshes an existing target volume (API extension
     * {@code custom_volume_refresh}) instead of failing because it exists.
     *
     * @param value {@code true} to refresh
     * @return the changed copy
     */
    public StorageVolumeSource refreshing(boolean value) {
        return new StorageVolumeSource(type, name, pool, project, location, volumeOnly, value, refreshExcludeOlder,
                mode, operation, certificate, secrets);
    }
}
