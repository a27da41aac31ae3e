package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writable part of an instance ({@code PUT /1.0/instances/{name}}); also the body of
 * {@code PATCH}, where only the fields given are changed.
 *
 * <p>Get one from {@link Instance#toPut()}, change it with the {@code with...} methods, and send
 * it back with the ETag that came with the instance.
 *
 * @param architecture the architecture
 * @param config the instance's own configuration
 * @param devices the instance's own devices
 * @param ephemeral whether the instance is deleted when it stops
 * @param profiles the profiles applied, in order
 * @param stateful whether the instance has stateful snapshots
 * @param description a free-form description
 * @param extra fields this client version does not know, written back unchanged
 */
public record InstancePut(
        String architecture,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        boolean ephemeral,
        List<String> profiles,
        boolean stateful,
        String description,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param architecture the architecture
     * @param config the instance's own configuration
     * @param devices the instance's own devices
     * @param ephemeral whether the instance is deleted when it stops
     * @param profiles the profiles applied, in order
     * @param stateful whether the instance has stateful snapshots
     * @param description a free-form description
     * @param extra fields this client version does not know, written back unchanged
     */
    public InstancePut {
        architecture = Wire.text(architecture);
        config = Wire.map(config);
        devices = Wire.map(devices);
        profiles = Wire.list(profiles);
        description = Wire.text(description);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with one configuration key set.
     *
     * @param key the configuration key, such as {@code limits.cpu}
     * @param value its value
     * @return the changed copy
     */
    public InstancePut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new InstancePut(architecture, changed, devices, ephemeral, profiles, stateful, description, extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public InstancePut withDescription(String newDescription) {
        return new InstancePut(architecture, config, devices, ephemeral, profiles, stateful, newDescription, extra);
    }

    /**
     * Returns a copy with other profiles.
     *
     * @param newProfiles the profiles, in the order they apply
     * @return the changed copy
     */
    public InstancePut withProfiles(List<String> newProfiles) {
        return new InstancePut(architecture, config, devices, ephemeral, newProfiles, stateful, description, extra);
    }
}
