package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A DNS zone Incus serves for its networks ({@code GET /1.0/network-zones/{name}}).
 *
 * @param name the name
 * @param description a free-form description
 * @param config the configuration keys
 * @param usedBy the URLs of the objects that use it
 * @param project the project it belongs to
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record NetworkZone(
        String name,
        String description,
        Map<String, String> config,
        List<String> usedBy,
        String project,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param description a free-form description
     * @param config the configuration keys
     * @param usedBy the URLs of the objects that use it
     * @param project the project it belongs to
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public NetworkZone {
        name = Wire.text(name);
        description = Wire.text(description);
        config = Wire.map(config);
        usedBy = Wire.list(usedBy);
        project = Wire.text(project);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public NetworkZonePut toPut() {
        return new NetworkZonePut(description, config, extra);
    }
}
