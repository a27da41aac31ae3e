package io.github.incus4j.client.model;

/**
 * One member-specific setting a server supplies when it joins a cluster, such as the source of a
 * storage pool on this member ({@code member_config} of {@code GET} and {@code PUT /1.0/cluster}).
 *
 * @param entity the kind of object, such as {@code storage-pool} or {@code network}
 * @param name the object's name, such as {@code default}
 * @param key the configuration key, such as {@code source}
 * @param value the value on the joining member (may be empty)
 * @param description what the key is for, as the cluster describes it
 */
public record ClusterMemberConfigKey(String entity, String name, String key, String value, String description) {

    /**
     * Normalises missing fields.
     *
     * @param entity the kind of object, such as {@code storage-pool} or {@code network}
     * @param name the object's name, such as {@code default}
     * @param key the configuration key, such as {@code source}
     * @param value the value on the joining member (may be empty)
     * @param description what the key is for, as the cluster describes it
     */
    public ClusterMemberConfigKey {
        entity = Wire.text(entity);
        name = Wire.text(name);
        key = Wire.text(key);
        value = Wire.text(value);
        description = Wire.text(description);
    }

    /**
     * A setting of a storage pool on the joining member.
     *
     * @param pool the pool name
     * @param key the key, such as {@code source}
     * @param value its value on this member
     * @return the setting
     */
    public static ClusterMemberConfigKey storagePool(String pool, String key, String value) {
        return new ClusterMemberConfigKey("storage-pool", pool, key, value, "");
    }
}
