package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A profile: configuration and devices shared by the instances that use it
 * ({@code GET /1.0/profiles/{name}}).
 *
 * @param name the name
 * @param description a free-form description
 * @param config the configuration keys
 * @param devices the devices by name, each a map of its settings
 * @param project the project it belongs to
 * @param usedBy the URLs of the objects that use it
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record Profile(
        String name,
        String description,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        String project,
        List<String> usedBy,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param description a free-form description
     * @param config the configuration keys
     * @param devices the devices by name, each a map of its settings
     * @param project the project it belongs to
     * @param usedBy the URLs of the objects that use it
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public Profile {
        name = Wire.text(name);
        description = Wire.text(description);
        config = Wire.map(config);
        devices = Wire.map(devices);
        project = Wire.text(project);
        usedBy = Wire.list(usedBy);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public ProfilePut toPut() {
        return new ProfilePut(description, config, devices, extra);
    }
}
