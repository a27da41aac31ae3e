package io.github.incus4j.client.model;

/**
 * A low-level repair action on an instance ({@code POST /1.0/instances/{name}/debug/repair}; API
 * extension {@code instances_debug_repair}).
 *
 * @param action the action, such as {@code rebuild-config-volume} or (with {@code instance_nvram})
 *     {@code rebuild-nvram}
 */
public record InstanceDebugRepairPost(String action) {

    /**
     * Normalises a missing action.
     *
     * @param action the action, such as {@code rebuild-config-volume} or (with {@code instance_nvram})
     *     {@code rebuild-nvram}
     */
    public InstanceDebugRepairPost {
        action = Wire.text(action);
    }
}
