package io.github.incus4j.client.model;

import java.util.List;
import java.util.Map;

/**
 * The host's memory, in bytes.
 *
 * @param total total memory
 * @param used used memory
 * @param hugepagesTotal memory in huge pages
 * @param hugepagesUsed used huge-page memory
 * @param hugepagesSize the huge page size
 * @param nodes per NUMA node
 */
public record ResourcesMemory(
        long total,
        long used,
        long hugepagesTotal,
        long hugepagesUsed,
        long hugepagesSize,
        List<Map<String, Object>> nodes) {

    /**
     * Normalises missing fields.
     *
     * @param total total memory
     * @param used used memory
     * @param hugepagesTotal memory in huge pages
     * @param hugepagesUsed used huge-page memory
     * @param hugepagesSize the huge page size
     * @param nodes per NUMA node
     */
    public ResourcesMemory {
        nodes = Wire.list(nodes);
    }
}
