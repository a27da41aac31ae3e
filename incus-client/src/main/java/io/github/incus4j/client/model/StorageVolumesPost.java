package io.github.incus4j.client.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The full body that creates a storage volume ({@code POST /1.0/storage-pools/{pool}/volumes}):
 * an empty volume, or one copied or migrated from a {@link StorageVolumeSource}.
 *
 * <pre>{@code
 * StorageVolumesPost.copyOf("data-copy", StorageVolumeSource.copy("default", "data").withVolumeOnly(true))
 * }</pre>
 *
 * @param name the new volume's name
 * @param type the volume type; only {@code custom} volumes are created this way
 * @param contentType {@code filesystem} or {@code block}; empty for {@code filesystem} (a copy takes
 *     the source's)
 * @param description a free-form description; a copy made with an empty one takes its source's
 *     (measured on Incus 6.0.4)
 * @param config the configuration keys (such as {@code size}); a copy gets these, not the source's
 *     (measured on Incus 6.0.4: a copy made with none has none), so pass the source's
 *     {@code config} to keep it
 * @param source where the content comes from, or {@code null} for an empty volume
 */
public record StorageVolumesPost(
        String name,
        String type,
        String contentType,
        String description,
        Map<String, String> config,
        @Nullable StorageVolumeSource source) {

    /**
     * Normalises missing fields.
     *
     * @param name the new volume's name
     * @param type the volume type; only {@code custom} volumes are created this way
     * @param contentType {@code filesystem} or {@code block}; empty for {@code filesystem} (a copy
     *     takes the source's)
     * @param description a free-form description; a copy made with an empty one takes its source's
     *     (measured on Incus 6.0.4)
     * @param config the configuration keys (such as {@code size}); a copy gets these, not the source's
     *     (measured on Incus 6.0.4: a copy made with none has none), so pass the source's {@code
     *     config} to keep it
     * @param source where the content comes from, or {@code null} for an empty volume
     */
    public StorageVolumesPost {
        name = Wire.text(name);
        type = Wire.text(type);
        contentType = Wire.text(contentType);
        description = Wire.text(description);
        config = Wire.map(config);
    }

    /**
     * A custom volume made from a source.
     *
     * @param name the new volume's name
     * @param source the source
     * @return the body
     */
    public static StorageVolumesPost copyOf(String name, StorageVolumeSource source) {
        return new StorageVolumesPost(name, "custom", "", "", Map.of(), source);
    }

    /**
     * Returns a copy with another description.
     *
     * @param value the description
     * @return the changed copy
     */
    public StorageVolumesPost withDescription(String value) {
        return new StorageVolumesPost(name, type, contentType, value, config, source);
    }

    /**
     * Returns a copy with one configuration key set.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public StorageVolumesPost withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new StorageVolumesPost(name, type, contentType, description, changed, source);
    }
}
