package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writable part of a cluster member ({@code PUT} and {@code PATCH /1.0/cluster/members/{name}}).
 *
 * @param description a free-form description
 * @param config the configuration keys
 * @param roles the roles
 * @param failureDomain the failure domain
 * @param groups the cluster groups
 * @param extra fields this client version does not know, written back unchanged
 */
public record ClusterMemberPut(
        String description,
        Map<String, String> config,
        List<String> roles,
        String failureDomain,
        List<String> groups,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param config the configuration keys
     * @param roles the roles
     * @param failureDomain the failure domain
     * @param groups the cluster groups
     * @param extra fields this client version does not know, written back unchanged
     */
    public ClusterMemberPut {
        description = Wire.text(description);
        config = Wire.map(config);
        roles = Wire.list(roles);
        failureDomain = Wire.text(failureDomain);
        groups = Wire.list(groups);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public ClusterMemberPut withDescription(String newDescription) {
        return new ClusterMemberPut(newDescription, config, roles, failureDomain, groups, extra);
    }

    /**
     * Returns a copy with one configuration key set; on {@code PUT} an absent key is unset.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public ClusterMemberPut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new ClusterMemberPut(description, changed, roles, failureDomain, groups, extra);
    }

    /**
     * Returns a copy without one configuration key.
     *
     * @param key the configuration key
     * @return the changed copy
     */
    public ClusterMemberPut withoutConfig(String key) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.remove(key);
        return new ClusterMemberPut(description, changed, roles, failureDomain, groups, extra);
    }
}
