package io.github.incus4j.client.model;

import org.jspecify.annotations.Nullable;

/**
 * The state of a storage volume ({@code GET .../volumes/{type}/{name}/state}).
 *
 * @param usage space usage; {@code null} when the driver cannot tell (the {@code dir} driver without quotas)
 */
public record StorageVolumeState(
        @Nullable StorageUsage usage) {

}
