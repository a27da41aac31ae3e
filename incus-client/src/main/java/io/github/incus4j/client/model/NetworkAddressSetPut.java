package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writable part of an address set, also the body of a creation together with the name.
 *
 * @param description a free-form description
 * @param addresses the addresses and subnets
 * @param config the configuration keys
 * @param extra fields this client version does not know, written back unchanged
 */
public record NetworkAddressSetPut(
        String description,
        List<String> addresses,
        Map<String, String> config,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param addresses the addresses and subnets
     * @param config the configuration keys
     * @param extra fields this client version does not know, written back unchanged
     */
    public NetworkAddressSetPut {
        description = Wire.text(description);
        addresses = Wire.list(addresses);
        config = Wire.map(config);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public NetworkAddressSetPut withDescription(String newDescription) {
        return new NetworkAddressSetPut(newDescription, addresses, config, extra);
    }

    /**
     * Returns a copy with one configuration key set; on {@code PUT} an absent key is unset.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public NetworkAddressSetPut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new NetworkAddressSetPut(description, addresses, changed, extra);
    }

    /**
     * Returns a copy without one configuration key.
     *
     * @param key the configuration key
     * @return the changed copy
     */
    public NetworkAddressSetPut withoutConfig(String key) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.remove(key);
        return new NetworkAddressSetPut(description, addresses, changed, extra);
    }

    /**
     * An empty writable part: no description, no configuration.
     *
     * @return the empty value
     */
    public static NetworkAddressSetPut empty() {
        return new NetworkAddressSetPut("", List.of(), Map.of(), Map.of());
    }

    /**
     * Returns a copy with other addresses.
     *
     * @param newAddresses the addresses and subnets
     * @return the changed copy
     */
    public NetworkAddressSetPut withAddresses(List<String> newAddresses) {
        return new NetworkAddressSetPut(description, newAddresses, config, extra);
    }
}
