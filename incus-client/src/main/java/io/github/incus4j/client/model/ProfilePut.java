package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writable part of a profile ({@code PUT} and {@code PATCH /1.0/profiles/{name}}), also the
 * body of a creation together with the name.
 *
 * <p>Get one from {@link Profile#toPut()} or {@link #empty()}, change it with the {@code with...}
 * methods, and send it back with the ETag that came with the profile.
 *
 * @param description a free-form description
 * @param config the configuration keys
 * @param devices the devices by name, each a map of its settings
 * @param extra fields this client version does not know, written back unchanged
 */
public record ProfilePut(
        String description,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param config the configuration keys
     * @param devices the devices by name, each a map of its settings
     * @param extra fields this client version does not know, written back unchanged
     */
    public ProfilePut {
        description = Wire.text(description);
        config = Wire.map(config);
        devices = Wire.map(devices);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public ProfilePut withDescription(String newDescription) {
        return new ProfilePut(newDescription, config, devices, extra);
    }

    /**
     * Returns a copy with one configuration key set; on {@code PUT} an absent key is unset.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public ProfilePut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new ProfilePut(description, changed, devices, extra);
    }

    /**
     * Returns a copy without one configuration key.
     *
     * @param key the configuration key
     * @return the changed copy
     */
    public ProfilePut withoutConfig(String key) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.remove(key);
        return new ProfilePut(description, changed, devices, extra);
    }

    /**
     * An empty writable part: no description, no configuration.
     *
     * @return the empty value
     */
    public static ProfilePut empty() {
        return new ProfilePut("", Map.of(), Map.of(), Map.of());
    }

    /**
     * Returns a copy with one device added or replaced.
     *
     * @param deviceName the device name, such as {@code root} or {@code eth0}
     * @param settings the device's settings, such as {@code type=disk}, {@code path=/}, {@code pool=default}
     * @return the changed copy
     */
    public ProfilePut withDevice(String deviceName, Map<String, String> settings) {
        Map<String, Map<String, String>> changed = new LinkedHashMap<>(devices);
        changed.put(deviceName, Wire.map(settings));
        return new ProfilePut(description, config, changed, extra);
    }

    /**
     * Returns a copy without one device.
     *
     * @param deviceName the device name
     * @return the changed copy
     */
    public ProfilePut withoutDevice(String deviceName) {
        Map<String, Map<String, String>> changed = new LinkedHashMap<>(devices);
        changed.remove(deviceName);
        return new ProfilePut(description, config, changed, extra);
    }
}
