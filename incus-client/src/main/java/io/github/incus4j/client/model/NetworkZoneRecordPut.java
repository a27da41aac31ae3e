package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writable part of a network zone record, also the body of a creation together with the name.
 *
 * @param description a free-form description
 * @param entries the DNS entries
 * @param config the configuration keys
 * @param extra fields this client version does not know, written back unchanged
 */
public record NetworkZoneRecordPut(
        String description,
        List<NetworkZoneRecordEntry> entries,
        Map<String, String> config,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param entries the DNS entries
     * @param config the configuration keys
     * @param extra fields this client version does not know, written back unchanged
     */
    public NetworkZoneRecordPut {
        description = Wire.text(description);
        entries = Wire.list(entries);
        config = Wire.map(config);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public NetworkZoneRecordPut withDescription(String newDescription) {
        return new NetworkZoneRecordPut(newDescription, entries, config, extra);
    }

    /**
     * Returns a copy with one configuration key set; on {@code PUT} an absent key is unset.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public NetworkZoneRecordPut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new NetworkZoneRecordPut(description, entries, changed, extra);
    }

    /**
     * Returns a copy without one configuration key.
     *
     * @param key the configuration key
     * @return the changed copy
     */
    public NetworkZoneRecordPut withoutConfig(String key) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.remove(key);
        return new NetworkZoneRecordPut(description, entries, changed, extra);
    }

    /**
     * An empty writable part: no description, no configuration.
     *
     * @return the empty value
     */
    public static NetworkZoneRecordPut empty() {
        return new NetworkZoneRecordPut("", List.of(), Map.of(), Map.of());
    }

    /**
     * Returns a copy with other entries.
     *
     * @param newEntries the entries
     * @return the changed copy
     */
    public NetworkZoneRecordPut withEntries(List<NetworkZoneRecordEntry> newEntries) {
        return new NetworkZoneRecordPut(description, newEntries, config, extra);
    }
}
