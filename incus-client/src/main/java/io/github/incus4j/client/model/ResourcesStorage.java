package io.github.incus4j.client.model;

import java.util.List;
import java.util.Map;

/**
 * The host's disks.
 *
 * @param total the number of disks
 * @param disks per disk: id, model, type, size, partitions
 */
public record ResourcesStorage(
        int total,
        List<Map<String, Object>> disks) {

    /**
     * Normalises missing fields.
     *
     * @param total the number of disks
     * @param disks per disk: id, model, type, size, partitions
     */
    public ResourcesStorage {
        disks = Wire.list(disks);
    }
}
