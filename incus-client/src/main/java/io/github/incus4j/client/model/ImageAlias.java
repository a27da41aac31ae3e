package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;

/**
 * An image alias ({@code GET /1.0/images/aliases/{name}}); also the body that creates one.
 *
 * @param name the alias name (it may contain {@code /})
 * @param description its description
 * @param target the fingerprint of the image it points to
 * @param type {@code container} or {@code virtual-machine}; empty means {@code container}
 * @param extra fields this client version does not know
 */
public record ImageAlias(
        String name,
        String description,
        String target,
        String type,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the alias name (it may contain {@code /})
     * @param description its description
     * @param target the fingerprint of the image it points to
     * @param type {@code container} or {@code virtual-machine}; empty means {@code container}
     * @param extra fields this client version does not know
     */
    public ImageAlias {
        name = Wire.text(name);
        description = Wire.text(description);
        target = Wire.text(target);
        type = Wire.text(type);
        extra = Wire.map(extra);
    }

    /**
     * Creates an alias for a new image alias request.
     *
     * @param name the alias name
     * @param target the fingerprint of the image
     * @param description a description, possibly empty
     * @return the alias
     */
    public static ImageAlias of(String name, String target, String description) {
        return new ImageAlias(name, description, target, "", Map.of());
    }

    /**
     * Returns the effective type: an empty type means {@code container}, as in the official client.
     *
     * @return {@code container} or {@code virtual-machine}
     */
    public String effectiveType() {
        return type.isEmpty() ? "container" : type;
    }
}
