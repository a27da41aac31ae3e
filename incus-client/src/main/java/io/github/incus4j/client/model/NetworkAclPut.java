package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writable part of a network ACL ({@code PUT} and {@code PATCH /1.0/network-acls/{name}}), also
 * the body of a creation together with the name.
 *
 * @param description a free-form description
 * @param ingress the ingress rules
 * @param egress the egress rules
 * @param config the configuration keys
 * @param extra fields this client version does not know, written back unchanged
 */
public record NetworkAclPut(
        String description,
        List<NetworkAclRule> ingress,
        List<NetworkAclRule> egress,
        Map<String, String> config,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param ingress the ingress rules
     * @param egress the egress rules
     * @param config the configuration keys
     * @param extra fields this client version does not know, written back unchanged
     */
    public NetworkAclPut {
        description = Wire.text(description);
        ingress = Wire.list(ingress);
        egress = Wire.list(egress);
        config = Wire.map(config);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public NetworkAclPut withDescription(String newDescription) {
        return new NetworkAclPut(newDescription, ingress, egress, config, extra);
    }

    /**
     * Returns a copy with one configuration key set; on {@code PUT} an absent key is unset.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public NetworkAclPut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new NetworkAclPut(description, ingress, egress, changed, extra);
    }

    /**
     * Returns a copy without one configuration key.
     *
     * @param key the configuration key
     * @return the changed copy
     */
    public NetworkAclPut withoutConfig(String key) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.remove(key);
        return new NetworkAclPut(description, ingress, egress, changed, extra);
    }

    /**
     * An empty writable part: no description, no configuration.
     *
     * @return the empty value
     */
    public static NetworkAclPut empty() {
        return new NetworkAclPut("", List.of(), List.of(), Map.of(), Map.of());
    }

    /**
     * Returns a copy with other ingress rules.
     *
     * @param rules the rules, in order
     * @return the changed copy
     */
    public NetworkAclPut withIngress(List<NetworkAclRule> rules) {
        return new NetworkAclPut(description, rules, egress, config, extra);
    }

    /**
     * Returns a copy with other egress rules.
     *
     * @param rules the rules, in order
     * @return the changed copy
     */
    public NetworkAclPut withEgress(List<NetworkAclRule> rules) {
        return new NetworkAclPut(description, ingress, rules, config, extra);
    }
}
