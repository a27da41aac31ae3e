package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The writable part of an image ({@code PUT /1.0/images/{fingerprint}}).
 *
 * @param autoUpdate whether it is refreshed from its source
 * @param properties descriptive properties
 * @param isPublic whether untrusted clients may use it (JSON {@code public})
 * @param expiresAt when it expires
 * @param profiles the profiles applied to instances made from it
 * @param extra fields this client version does not know, written back unchanged
 */
public record ImagePut(
        boolean autoUpdate,
        Map<String, String> properties,
        @JsonProperty("public") boolean isPublic,
        @Nullable Instant expiresAt,
        List<String> profiles,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param autoUpdate whether it is refreshed from its source
     * @param properties descriptive properties
     * @param isPublic whether untrusted clients may use it (JSON {@code public})
     * @param expiresAt when it expires
     * @param profiles the profiles applied to instances made from it
     * @param extra fields this client version does not know, written back unchanged
     */
    public ImagePut {
        properties = Wire.map(properties);
        profiles = Wire.list(profiles);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with one property set.
     *
     * @param key the property, such as {@code description}
     * @param value its value
     * @return the changed copy
     */
    public ImagePut withProperty(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(properties);
        changed.put(key, value);
        return new ImagePut(autoUpdate, changed, isPublic, expiresAt, profiles, extra);
    }
}
