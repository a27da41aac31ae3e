package io.github.incus4j.client.model;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An instance with its state, snapshots and backups, as returned with {@code recursion=2}.
 *
 * @param instance the instance itself
 * @param state its runtime state ({@code null} if the daemon left it out)
 * @param snapshots its snapshots
 * @param backups its backups
 */
@JsonDeserialize(using = FullDeserializer.OfInstance.class)
public record InstanceFull(
        Instance instance,
        @Nullable InstanceState state,
        List<InstanceSnapshot> snapshots,
        List<InstanceBackup> backups) {

    /**
     * Normalises missing fields.
     *
     * @param instance the instance itself
     * @param state its runtime state ({@code null} if the daemon left it out)
     * @param snapshots its snapshots
     * @param backups its backups
     */
    public InstanceFull {
        snapshots = Wire.list(snapshots);
        backups = Wire.list(backups);
    }
}
