package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writable part of the server description ({@code PUT} and {@code PATCH /1.0}).
 *
 * @param config the server configuration keys, such as {@code core.https_address}
 * @param extra fields this client version does not know, written back unchanged
 */
public record ServerPut(
        Map<String, String> config,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param config the server configuration keys, such as {@code core.https_address}
     * @param extra fields this client version does not know, written back unchanged
     */
    public ServerPut {
        config = Wire.map(config);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with one configuration key set (or removed when {@code value} is empty).
     *
     * @param key the configuration key
     * @param value its new value; an empty string unsets the key on {@code PUT}
     * @return the changed copy
     */
    public ServerPut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new ServerPut(changed, extra);
    }
}
