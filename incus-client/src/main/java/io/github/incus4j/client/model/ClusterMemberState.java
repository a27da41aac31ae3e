package io.github.incus4j.client.model;

import java.util.Map;

/**
 * The state of a cluster member ({@code GET /1.0/cluster/members/{name}/state}).
 *
 * @param storagePools per storage pool: space and inodes
 * @param sysinfo uptime, load averages, memory and swap
 */
public record ClusterMemberState(
        Map<String, Map<String, Object>> storagePools,
        Map<String, Object> sysinfo) {

    /**
     * Normalises missing fields.
     *
     * @param storagePools per storage pool: space and inodes
     * @param sysinfo uptime, load averages, memory and swap
     */
    public ClusterMemberState {
        storagePools = Wire.map(storagePools);
        sysinfo = Wire.map(sysinfo);
    }
}
