package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writable part of a network peer, also the body of a creation together with its key.
 *
 * @param description a free-form description
 * @param config the configuration keys
 * @param extra fields this client version does not know, written back unchanged
 */
public record NetworkPeerPut(
        String description,
        Map<String, String> config,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param config the configuration keys
     * @param extra fields this client version does not know, written back unchanged
     */
    public NetworkPeerPut {
        description = Wire.text(description);
        config = Wire.map(config);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public NetworkPeerPut withDescription(String newDescription) {
        return new NetworkPeerPut(newDescription, config, extra);
    }

    /**
     * Returns a copy with one configuration key set; on {@code PUT} an absent key is unset.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public NetworkPeerPut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new NetworkPeerPut(description, changed, extra);
    }

    /**
     * Returns a copy without one configuration key.
     *
     * @param key the configuration key
     * @return the changed copy
     */
    public NetworkPeerPut withoutConfig(String key) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.remove(key);
        return new NetworkPeerPut(description, changed, extra);
    }

    /**
     * An empty writable part: no description, no configuration.
     *
     * @return the empty value
     */
    public static NetworkPeerPut empty() {
        return new NetworkPeerPut("", Map.of(), Map.of());
    }
}
