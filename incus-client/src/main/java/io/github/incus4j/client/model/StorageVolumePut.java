package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writable part of a storage volume ({@code PUT} and {@code PATCH} of a volume), also the
 * body of a creation together with the name and content type.
 *
 * <p>An unknown field {@code restore} (a snapshot name) may be set through {@link #extra()} to
 * restore a snapshot with {@code PUT}; {@link #restoring(String)} does that.
 *
 * @param description a free-form description
 * @param config the configuration keys
 * @param extra fields this client version does not know, written back unchanged
 */
public record StorageVolumePut(
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
    public StorageVolumePut {
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
    public StorageVolumePut withDescription(String newDescription) {
        return new StorageVolumePut(newDescription, config, extra);
    }

    /**
     * Returns a copy with one configuration key set; on {@code PUT} an absent key is unset.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public StorageVolumePut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new StorageVolumePut(description, changed, extra);
    }

    /**
     * Returns a copy without one configuration key.
     *
     * @param key the configuration key
     * @return the changed copy
     */
    public StorageVolumePut withoutConfig(String key) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.remove(key);
        return new StorageVolumePut(description, changed, extra);
    }

    /**
     * An empty writable part: no description, no configuration.
     *
     * @return the empty value
     */
    public static StorageVolumePut empty() {
        return new StorageVolumePut("", Map.of(), Map.of());
    }

    /**
     * Returns a copy that, sent with {@code PUT}, restores the volume from one of its snapshots.
     *
     * @param snapshot the snapshot name
     * @return the changed copy
     */
    public StorageVolumePut restoring(String snapshot) {
        Map<String, Object> changed = new LinkedHashMap<>(extra);
        changed.put("restore", snapshot);
        return new StorageVolumePut(description, config, changed);
    }
}
