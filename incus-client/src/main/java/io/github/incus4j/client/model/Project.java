package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A project: a namespace for instances, images, profiles, networks and volumes
 * ({@code GET /1.0/projects/{name}}).
 *
 * @param name the name
 * @param description a free-form description
 * @param config the configuration keys
 * @param usedBy the URLs of the objects that use it
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record Project(
        String name,
        String description,
        Map<String, String> config,
        List<String> usedBy,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param description a free-form description
     * @param config the configuration keys
     * @param usedBy the URLs of the objects that use it
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public Project {
        name = Wire.text(name);
        description = Wire.text(description);
        config = Wire.map(config);
        usedBy = Wire.list(usedBy);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public ProjectPut toPut() {
        return new ProjectPut(description, config, extra);
    }
}
