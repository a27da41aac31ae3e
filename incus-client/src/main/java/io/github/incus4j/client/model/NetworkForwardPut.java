package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writable part of a network forward, also the body of a creation together with its key.
 *
 * @param description a free-form description
 * @param config the configuration keys, such as {@code target_address} (where the traffic of the
 *     ports no rule names goes)
 * @param ports the port rules
 * @param extra fields this client version does not know, written back unchanged
 */
public record NetworkForwardPut(
        String description,
        Map<String, String> config,
        List<NetworkForwardPort> ports,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param config the configuration keys, such as {@code target_address} (where the traffic of the
     *     ports no rule names goes)
     * @param ports the port rules
     * @param extra fields this client version does not know, written back unchanged
     */
    public NetworkForwardPut {
        description = Wire.text(description);
        config = Wire.map(config);
        ports = Wire.list(ports);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public NetworkForwardPut withDescription(String newDescription) {
        return new NetworkForwardPut(newDescription, config, ports, extra);
    }

    /**
     * Returns a copy with one configuration key set; on {@code PUT} an absent key is unset.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public NetworkForwardPut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new NetworkForwardPut(description, changed, ports, extra);
    }

    /**
     * Returns a copy without one configuration key.
     *
     * @param key the configuration key
     * @return the changed copy
     */
    public NetworkForwardPut withoutConfig(String key) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.remove(key);
        return new NetworkForwardPut(description, changed, ports, extra);
    }

    /**
     * Returns a copy with other port rules; on {@code PUT} the list replaces the current one.
     *
     * @param newPorts the port rules
     * @return the changed copy
     */
    public NetworkForwardPut withPorts(List<NetworkForwardPort> newPorts) {
        return new NetworkForwardPut(description, config, newPorts, extra);
    }

    /**
     * An empty writable part: no description, no configuration.
     *
     * @return the empty value
     */
    public static NetworkForwardPut empty() {
        return new NetworkForwardPut("", Map.of(), List.of(), Map.of());
    }
}
