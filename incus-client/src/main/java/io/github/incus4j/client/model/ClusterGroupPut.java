package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writable part of a cluster group, also the body of a creation together with the name.
 *
 * @param description a free-form description
 * @param members the member names
 * @param config the configuration keys
 * @param extra fields this client version does not know, written back unchanged
 */
public record ClusterGroupPut(
        String description,
        List<String> members,
        Map<String, String> config,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param members the member names
     * @param config the configuration keys
     * @param extra fields this client version does not know, written back unchanged
     */
    public ClusterGroupPut {
        description = Wire.text(description);
        members = Wire.list(members);
        config = Wire.map(config);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public ClusterGroupPut withDescription(String newDescription) {
        return new ClusterGroupPut(newDescription, members, config, extra);
    }

    /**
     * Returns a copy with one configuration key set; on {@code PUT} an absent key is unset.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public ClusterGroupPut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new ClusterGroupPut(description, members, changed, extra);
    }

    /**
     * Returns a copy without one configuration key.
     *
     * @param key the configuration key
     * @return the changed copy
     */
    public ClusterGroupPut withoutConfig(String key) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.remove(key);
        return new ClusterGroupPut(description, members, changed, extra);
    }

    /**
     * An empty writable part: no description, no configuration.
     *
     * @return the empty value
     */
    public static ClusterGroupPut empty() {
        return new ClusterGroupPut("", List.of(), Map.of(), Map.of());
    }
}
